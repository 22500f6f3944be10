import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../../src/core/recovery/diagnose';
import type { FixPlan, Situation } from '../../../src/core/recovery/model';
import { applyFix, undoFix } from '../../../src/core/recovery/safety';
import { tempFolder } from '../../support/temp';
import { buildRepository, makeMistakes, seeded, touchSomeFiles, type ClockedRepo, type Mistake } from './mistakes-random-support';
import { gitPath, missingObjects, reachableObjects, repoState, type RepoState } from './safety-support';

/**
 * The end-to-end promise of git recovery, on random repositories: after
 * random git mistakes, diagnose names each one that is still visible, and
 * every fix it offers applies, does what it says, and undoes exactly, losing
 * nothing. Replay a failing case with SHIPSHAPE_MISTAKES_SEED=<its seed> SHIPSHAPE_MISTAKES_CASES=1.
 */

const CASES = Number(process.env.SHIPSHAPE_MISTAKES_CASES ?? 12);
const SEED = Number(process.env.SHIPSHAPE_MISTAKES_SEED ?? 20250615);

/** Operation files beyond repoState's that change what `merge --abort` or a commit does next. */
const MORE_OPERATION_FILES = ['MERGE_MODE', 'MERGE_AUTOSTASH', 'AUTO_MERGE'];

interface FullState extends RepoState {
  readonly moreOperation: readonly string[];
}

function fullState(dir: string): FullState {
  const moreOperation = MORE_OPERATION_FILES.filter((name) => existsSync(gitPath(dir, name))).map(
    (name) => `${name}:${readFileSync(gitPath(dir, name), 'utf8')}`,
  );
  return { ...repoState(dir), moreOperation };
}

const FULL_SHA = /^[0-9a-f]{40}$/;
/** Revisions that mean something else once the repository moves on. */
const MOVING = /@\{|\bHEAD\b|~|\^/;

/** The arguments of a step that name an object, for the step shapes fixes use. */
function revisionArguments(args: readonly string[]): string[] {
  const [command, ...rest] = args;
  const positional = rest.filter((arg) => !arg.startsWith('-'));
  switch (command) {
    case 'branch':
      return positional.slice(1);
    case 'reset':
    case 'revert':
      return positional.slice(-1);
    case 'cherry-pick':
      return positional;
    case 'stash':
      return rest[0] === 'store' ? rest.slice(-1) : [];
    case 'update-index': {
      const at = rest.indexOf('--cacheinfo');
      return at >= 0 ? [(rest[at + 1] ?? '').split(',')[1] ?? ''] : [];
    }
    default:
      return [];
  }
}

/** Every object a step names is a full sha; no argument but a message holds a moving expression (HEAD@{1}, @{u}, HEAD~2). */
function assertResolved(fix: FixPlan, where: string): void {
  for (const step of fix.steps) {
    const shown = `${where}: "${fix.title}" step git ${step.args.join(' ')}`;
    step.args.forEach((arg, index) => {
      if (index > 0 && ['-m', '--message'].includes(step.args[index - 1] ?? '')) return;
      assert.doesNotMatch(arg, MOVING, `${shown} holds a moving expression`);
    });
    for (const revision of revisionArguments(step.args)) assert.match(revision, FULL_SHA, `${shown} names ${revision}, not a full sha`);
  }
}

/**
 * A fix never rewrites published history: a reset that takes commits off the
 * branch may do so only when the branch's tip is on no remote and none of
 * them is on the branch's upstream (or its namesake on origin): those would
 * need a force-push. (Commits that stay on another published branch, e.g.
 * main's under a rebased topic, are not rewritten.) A rebase may only be
 * continued or aborted; an amend only rewrites an unpublished HEAD.
 */
function assertKeepsPublished(repo: ClockedRepo, fix: FixPlan, where: string): void {
  const onAnyRemote = new Set(repo.lines('rev-list', '--remotes'));
  const branch = repo.headRef();
  const remoteCopies =
    branch === ''
      ? []
      : [
          repo.tryGit('rev-parse', '-q', '--verify', '--symbolic-full-name', '@{upstream}').output.trim(),
          `refs/remotes/origin/${branch.slice('refs/heads/'.length)}`,
        ];
  const existing = remoteCopies.filter((ref) => ref !== '' && repo.tryGit('rev-parse', '-q', '--verify', ref).ok);
  const onBranchRemote = new Set(existing.length > 0 ? repo.lines('rev-list', ...existing) : []);
  for (const step of fix.steps) {
    const [command, ...rest] = step.args;
    const shown = `${where}: "${fix.title}" step git ${step.args.join(' ')}`;
    if (command === 'reset') {
      const target = rest.filter((arg) => !arg.startsWith('-')).at(-1) ?? 'HEAD';
      const dropped = repo.lines('rev-list', 'HEAD', '--not', target);
      if (dropped.length > 0) assert.ok(!onAnyRemote.has(repo.sha('HEAD')), `${shown} takes the published tip ${repo.sha('HEAD')} off ${branch || 'HEAD'}`);
      assert.deepEqual(
        dropped.filter((sha) => onBranchRemote.has(sha)),
        [],
        `${shown} takes commits off ${branch || 'HEAD'} that its remote (${existing.join(', ')}) has`,
      );
    }
    if (command === 'rebase') assert.ok(rest.includes('--abort') || rest.includes('--continue'), `${shown} rebases`);
    if (command === 'commit' && rest.includes('--amend')) assert.ok(!onAnyRemote.has(repo.sha('HEAD')), `${shown} amends a published commit`);
  }
}

/** What the fix says it does, checked on its steps: branches, stash entries and resets land where the steps put them. */
function assertEffect(repo: ClockedRepo, fix: FixPlan, before: FullState, movedRefs: readonly string[], where: string): void {
  assert.notDeepEqual(fullState(repo.dir), before, `${where}: "${fix.title}" changed nothing`);
  const unlisted = movedRefs.filter((name) => !fix.movesRefs.includes(name));
  assert.deepEqual(unlisted, [], `${where}: "${fix.title}" moved refs it does not list in movesRefs (${fix.movesRefs.join(', ')})`);
  for (const { args } of fix.steps) {
    const [command, ...rest] = args;
    if (command === 'branch' && rest.length === 2)
      assert.equal(repo.sha(`refs/heads/${rest[0]}`), rest[1], `${where}: "${fix.title}" did not create ${rest[0]}`);
    if (command === 'stash' && rest[0] === 'store') assert.equal(repo.sha('refs/stash'), rest.at(-1), `${where}: "${fix.title}" did not store the stash`);
  }
  const reset = fix.steps.filter(({ args }) => args[0] === 'reset').at(-1);
  if (reset) assert.equal(repo.sha('HEAD'), reset.args.at(-1), `${where}: "${fix.title}" did not move HEAD to the reset's target`);
}

/** Stashes git still holds for an operation in progress (`merge --autostash`, `rebase --autostash`): git applies them when it ends. */
function pendingAutostashes(dir: string): string[] {
  return ['MERGE_AUTOSTASH', 'rebase-merge/autostash', 'rebase-apply/autostash'].flatMap((name) =>
    existsSync(gitPath(dir, name)) ? [readFileSync(gitPath(dir, name), 'utf8').trim()] : [],
  );
}

/** Objects the situations point at (dropped stashes and lost blobs are on no ref): no fix or undo may lose them. */
function evidenceObjects(situations: readonly Situation[]): string[] {
  return [...new Set(situations.flatMap((situation) => situation.evidence.flatMap((evidence) => (evidence.sha ? [evidence.sha] : []))))];
}

const kinds = (situations: readonly Situation[]) => situations.map((situation) => `${situation.kind}: ${situation.title}`).join('; ') || 'nothing';

describe('random git mistakes: diagnosed, and every fix applies and undoes exactly (seeded)', function () {
  this.timeout(300_000);
  const folder = tempFolder('shipshape mistakes ');
  after(folder.remove);

  it(`finds each visible mistake and round-trips every offered fix (${CASES} cases from seed ${SEED})`, async () => {
    const figures = { cases: 0, mistakes: 0, found: 0, situations: 0, fixes: 0, refused: 0 };
    const byMistake = new Map<string, number>();
    const failures: string[] = [];
    for (let index = 0; index < CASES; index += 1) {
      const seed = SEED + index;
      const random = seeded(seed);
      let mistakes: Mistake[] = [];
      let touched: string[] = [];
      const where = () =>
        `seed ${seed} (${[...mistakes.map((mistake) => `${mistake.name}: ${mistake.detail}`), ...(touched.length > 0 ? [`then touched ${touched.join(', ')} (content unchanged)`] : [])].join(' | ')})`;
      try {
        const repo = buildRepository(join(folder.path, `case ${index}`), random);
        mistakes = makeMistakes(repo, random);
        touched = touchSomeFiles(repo, random);
        const visible = mistakes.filter((mistake) => mistake.stillVisible());
        const situations = await diagnose(repo.dir, { deep: true, now: repo.nowMs() });
        figures.cases += 1;
        figures.mistakes += mistakes.length;
        figures.situations += situations.length;
        for (const mistake of mistakes) byMistake.set(mistake.name, (byMistake.get(mistake.name) ?? 0) + 1);

        for (const mistake of visible) {
          assert.ok(
            situations.some((situation) => situation.kind === mistake.expect),
            `${where()}: "${mistake.name}" should be diagnosed as ${mistake.expect}; found ${kinds(situations)}`,
          );
          figures.found += 1;
        }
        for (const situation of situations) for (const fix of situation.fixes) assertResolved(fix, `${where()} ${situation.kind}`);
        const pending = pendingAutostashes(repo.dir);
        for (const situation of situations.filter(({ kind }) => kind === 'dropped-stash')) {
          const held = situation.evidence.filter((evidence) => evidence.kind === 'stash' && pending.includes(evidence.sha ?? ''));
          assert.deepEqual(held, [], `${where()}: "${situation.title}" is still held by git for the operation in progress, not dropped`);
        }

        const evidence = evidenceObjects(situations);
        assert.deepEqual(missingObjects(repo.dir, evidence), [], `${where()}: evidence names objects the repository does not have`);
        for (const situation of situations) {
          for (const fix of situation.fixes) {
            if (fix.refusal) {
              figures.refused += 1;
              continue;
            }
            const at = `${where()} ${situation.kind} "${situation.title}"`;
            assertKeepsPublished(repo, fix, at);
            const objects = [...reachableObjects(repo.dir), ...evidence];
            const before = fullState(repo.dir);
            let applied;
            try {
              applied = await applyFix(repo.dir, fix);
            } catch (error) {
              assert.fail(`${at}: "${fix.title}" failed: ${String(error)}`);
            }
            assertEffect(repo, fix, before, Object.keys(applied.journalEntry.refs), at);
            await undoFix(repo.dir, applied.snapshotId);
            assert.deepEqual(fullState(repo.dir), before, `${at}: undoing "${fix.title}" did not restore the repository exactly`);
            assert.deepEqual(missingObjects(repo.dir, objects), [], `${at}: "${fix.title}" and its undo lost objects`);
            figures.fixes += 1;
          }
        }
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
    const mix = [...byMistake]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    console.log(
      `      mistakes (seed ${SEED}): ${figures.cases} cases, ${figures.mistakes} mistakes (${mix}), ${figures.found} still visible and found, ` +
        `${figures.situations} situations, ${figures.fixes} fixes applied and undone, ${figures.refused} refused`,
    );
    assert.deepEqual(failures, []);
    assert.equal(figures.cases, CASES);
    assert.ok(figures.fixes >= CASES, 'most cases offer fixes to try');
  });
});
