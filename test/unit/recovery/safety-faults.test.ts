import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isShipshapeError } from '../../../src/core/errors';
import { diagnose } from '../../../src/core/recovery/diagnose';
import type { FixPlan } from '../../../src/core/recovery/model';
import { applyFix, SAFETY_ERROR_CODES, undoFix } from '../../../src/core/recovery/safety';
import { findUnfinished, lockHolderIsGone } from '../../../src/core/recovery/safety/journal';
import { tempFolder } from '../../support/temp';
import { fingerprint, journalOf, type Fingerprint, killCli, KillSwitch, lostObjects, type Moment, type Outcome } from './fault-support';
import { buildRepository, makeMistake, seeded, type MistakeName, type Random } from './mistakes-random-support';
import { gitPath } from './safety-support';

/**
 * The promise that a fix or an undo killed at any point loses nothing: on real
 * repositories with a mistake to fix and uncommitted work (a tracked edit, a
 * staged new file, an untracked file, and more at random), a fix is stopped at a
 * random git call (before it starts or after it ended, in-process, through the
 * git layer's checkpoint), then recovered the way a person would (the next undo
 * rolls back what was interrupted; a fix that completed is undone), with the
 * undos stopped at random too. And a few real SIGKILLs of the CLI.
 * Replay with SHIPSHAPE_FAULT_SEED=<seed>; SHIPSHAPE_FAULT_RUNS sets the runs in all (200),
 * SHIPSHAPE_FAULT_KILLS how many of them are real SIGKILLs (10).
 */

const SEED = Number(process.env.SHIPSHAPE_FAULT_SEED ?? 20260611);
/** Runs in all: KILLS of them SIGKILL the CLI, the rest stop the work in-process. */
const TOTAL = Number(process.env.SHIPSHAPE_FAULT_RUNS ?? 200);
const KILLS = Math.min(TOTAL, Number(process.env.SHIPSHAPE_FAULT_KILLS ?? 10));
const RUNS = TOTAL - KILLS;

/** Mistakes whose fixes move refs, rewrite the index and files, and bring back stashes. */
const SCENARIOS: readonly MistakeName[] = ['ahead', 'amend', 'reset-hard', 'delete-branch', 'stash-drop', 'detached'];
const MOMENTS: readonly Moment[] = ['start', 'end'];

interface Fix {
  readonly plan: FixPlan;
  /** Git calls of an apply and of its undo left alone, so a kill point can be drawn from them. */
  readonly applyCalls: number;
  readonly undoCalls: number;
  readonly applyMs: number;
}

interface Base {
  readonly name: string;
  readonly dir: string;
  readonly fixes: readonly Fix[];
  /** Objects the situations point at that no ref holds (a dropped stash): they must not go either. */
  readonly evidence: readonly string[];
  /** What the person has before any fix (every copy of the base has the same). */
  readonly before: Fingerprint;
}

async function buildBase(parent: string, name: MistakeName, random: Random): Promise<Base> {
  const repo = buildRepository(join(parent, name), random);
  const mistake = makeMistake(repo, name, random);
  assert.ok(mistake, `${name}: no mistake could be made`);
  // The work a person has open while fixing: an edit not staged, a new file staged, a file never added.
  const edited = repo.someTrackedFile();
  repo.write(edited, `${repo.read(edited)}${repo.uniqueText('edited, not staged')}`);
  const staged = repo.newPath('staged');
  repo.write(staged, repo.uniqueText('staged new file'));
  repo.git('add', '--', staged);
  repo.write(repo.newPath('untracked'), repo.uniqueText('untracked'));

  const situations = await diagnose(repo.dir, { deep: true, now: repo.nowMs() });
  const plans = situations.flatMap((situation) => situation.fixes).filter((plan) => !plan.refusal);
  assert.ok(plans.length > 0, `${name} (${mistake.detail}): no fix offered`);
  const fixes: Fix[] = [];
  for (const plan of plans) {
    const copy = `${repo.dir} calibration`;
    cpSync(repo.dir, copy, { recursive: true, preserveTimestamps: true });
    const applying = new KillSwitch();
    const started = performance.now();
    const applied = await applying.run(copy, (options) => applyFix(copy, plan, options));
    const applyMs = performance.now() - started;
    const undoing = new KillSwitch();
    if (applied.outcome === 'done') assert.equal((await undoing.run(copy, (options) => undoFix(copy, undefined, options))).outcome, 'done');
    fixes.push({ plan, applyCalls: applying.calls, undoCalls: undoing.calls, applyMs });
    rmSync(copy, { recursive: true, force: true });
  }
  const evidence = [...new Set(situations.flatMap((situation) => situation.evidence.flatMap((item) => (item.sha ? [item.sha] : []))))];
  return { name, dir: repo.dir, fixes, evidence, before: fingerprint(repo.dir) };
}

interface Figures {
  runs: number;
  killedInApply: number;
  completed: number;
  failedAndRestored: number;
  undos: number;
  killedInUndo: number;
  rolledBack: number;
}

const newFigures = (): Figures => ({ runs: 0, killedInApply: 0, completed: 0, failedAndRestored: 0, undos: 0, killedInUndo: 0, rolledBack: 0 });

/** A fix that failed on its own must say it restored everything. */
function assertRestoredFailure(outcome: Outcome<unknown>, where: string): void {
  if (outcome.outcome !== 'failed') return;
  assert.ok(
    isShipshapeError(outcome.error) && outcome.error.code === SAFETY_ERROR_CODES.fixFailed && /Nothing was changed/.test(outcome.error.message),
    `${where}: ${String(outcome.error)}`,
  );
}

/**
 * What a person does next, until nothing is left to do: an interrupted fix or undo is rolled back
 * by the next undo (`fix --undo --yes`); a fix that completed is undone by its snapshot id. Undos
 * are stopped at random too (the first rounds only, so it ends).
 */
async function recover(dir: string, fix: Fix, random: Random, figures: Figures, where: string): Promise<void> {
  for (let round = 0; ; round += 1) {
    assert.ok(round < 8, `${where}: still not recovered after ${round} undos`);
    const journal = await journalOf(dir);
    const unfinished = findUnfinished(journal);
    const applied = journal.find((entry) => entry.kind === 'fix' && entry.status === 'applied');
    if (!unfinished && !applied) return;
    const snapshot = unfinished ? undefined : applied?.snapshot;
    const kill = round < 2 && random.chance(0.5) ? new KillSwitch(random.int(fix.undoCalls + 10), random.pick(MOMENTS)) : new KillSwitch();
    const result = await kill.run(dir, (options) => undoFix(dir, snapshot, options));
    if (result.outcome === 'failed')
      assert.fail(`${where}: undo ${round + 1} (${unfinished ? `roll back "${unfinished.title}"` : 'undo the fix'}) failed: ${String(result.error)}`);
    figures.undos += 1;
    if (result.outcome === 'killed') figures.killedInUndo += 1;
    else if (unfinished) figures.rolledBack += 1;
  }
}

async function assertNothingLost(dir: string, before: Fingerprint, base: Base, where: string): Promise<void> {
  assert.deepEqual(fingerprint(dir).state, before.state, `${where}: the repository is not as it was before the fix`);
  assert.deepEqual(lostObjects(dir, before, base.evidence), [], `${where}: objects were lost`);
  assert.equal(findUnfinished(await journalOf(dir)), undefined, `${where}: something is still unfinished`);
  // A kill leaves the journal's lock; it names a process that is gone, so the next fix or undo takes it over.
  const lock = gitPath(dir, 'shipshape/lock');
  if (existsSync(lock)) assert.ok(lockHolderIsGone(readFileSync(lock, 'utf8'), 0), `${where}: the journal's lock is held`);
}

describe(`fixes and undos killed at random points lose nothing (seed ${SEED})`, function () {
  this.timeout(600_000);
  const folder = tempFolder('shipshape faults ');
  const runs = join(folder.path, 'runs');
  const tmp = process.env.TMPDIR;
  const bases: Base[] = [];
  before(async function () {
    // A killed fix never removes its temporary index files: they go with this folder.
    mkdirSync(join(folder.path, 'tmp'), { recursive: true });
    process.env.TMPDIR = join(folder.path, 'tmp');
    const random = seeded(SEED);
    const started = performance.now();
    for (const name of SCENARIOS) bases.push(await buildBase(join(folder.path, 'bases'), name, random));
    console.log(
      `      ${bases.length} repositories with ${bases.reduce((sum, base) => sum + base.fixes.length, 0)} fixes built and measured in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });
  after(() => {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
    folder.remove();
  });

  it(`stopped at a random git call of the fix, then of each undo (${RUNS} runs, seed ${SEED})`, async () => {
    const random = seeded(SEED + 1);
    const started = performance.now();
    const figures = newFigures();
    for (let index = 0; index < RUNS; index += 1) {
      const base = bases[index % bases.length] as Base;
      const fix = random.pick(base.fixes);
      const at = random.int(fix.applyCalls + 1);
      const moment = random.pick(MOMENTS);
      const where = `run ${index} (seed ${SEED}, ${base.name}: "${fix.plan.title}", killed at the ${moment} of git call ${at} of ${fix.applyCalls})`;
      const dir = join(runs, `${index}`);
      cpSync(base.dir, dir, { recursive: true, preserveTimestamps: true });
      const outcome = await new KillSwitch(at, moment).run(dir, (options) => applyFix(dir, fix.plan, options));
      assertRestoredFailure(outcome, where);
      figures.runs += 1;
      if (outcome.outcome === 'killed') figures.killedInApply += 1;
      else if (outcome.outcome === 'done') figures.completed += 1;
      else figures.failedAndRestored += 1;
      await recover(dir, fix, random, figures, where);
      await assertNothingLost(dir, base.before, base, where);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `      faults (seed ${SEED}): ${figures.runs} runs over ${bases.length} repositories (${bases.reduce((sum, base) => sum + base.fixes.length, 0)} fixes): ` +
        `${figures.killedInApply} fixes killed, ${figures.completed} completed, ${figures.failedAndRestored} failed and restored; ` +
        `${figures.undos} undos, ${figures.killedInUndo} of them killed, ${figures.rolledBack} roll-backs, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.equal(figures.runs, RUNS);
    if (RUNS >= 50) assert.ok(figures.killedInApply > RUNS / 2 && figures.killedInUndo > 0, 'most runs are killed somewhere');
  });

  it(`the CLI SIGKILLed at random moments of fix and undo (${KILLS} runs, seed ${SEED})`, async () => {
    const random = seeded(SEED + 2);
    const started = performance.now();
    const figures = newFigures();
    let killed = 0;
    for (let index = 0; index < KILLS; index += 1) {
      const base = bases[index % bases.length] as Base;
      const fix = random.pick(base.fixes);
      const dir = join(runs, `kill ${index}`);
      cpSync(base.dir, dir, { recursive: true, preserveTimestamps: true });
      const delay = random.int(Math.ceil(fix.applyMs * 1.2));
      const where = `kill ${index} (seed ${SEED}, ${base.name}: "${fix.plan.title}", SIGKILL ${delay} ms into the fix)`;
      const fixed = await killCli(dir, ['fix', fix.plan.id, '--yes'], delay);
      if (fixed.outcome === 'killed') killed += 1;
      else assert.ok(fixed.code === 0 || fixed.code === 1, `${where}: the CLI exited with ${fixed.code}`);
      // Then the undo the person runs, maybe killed too.
      const journal = await journalOf(dir);
      if (journal.length > 0 && random.chance(0.5)) {
        const target = findUnfinished(journal) ? [] : [journal.find((entry) => entry.kind === 'fix')?.snapshot ?? ''];
        const undone = await killCli(dir, ['fix', '--undo', ...target, '--yes'], random.int(Math.ceil(fix.applyMs * 1.5)));
        if (undone.outcome === 'killed') killed += 1;
      }
      await recover(dir, fix, random, figures, where);
      await assertNothingLost(dir, base.before, base, where);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `      SIGKILL (seed ${SEED}): ${KILLS} runs, ${killed} CLI processes killed mid-work, ${figures.rolledBack} roll-backs after, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (KILLS >= 10) assert.ok(killed >= KILLS / 3, 'most CLI runs are killed mid-work');
  });
});
