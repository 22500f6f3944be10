import { resolve } from 'node:path';
import { ShipshapeError } from '../core/errors';
import { diagnose } from '../core/recovery/diagnose';
import { fixCommands } from '../core/recovery/display';
import type { FixPlan, Situation } from '../core/recovery/model';
import {
  SNAPSHOT_FILE_LIMIT,
  applyFix,
  describeUnfinishedFix,
  findUnfinishedFix,
  listSnapshots,
  planPurge,
  purgeAfterSecretRemoval,
  undoFix,
} from '../core/recovery/safety';
import { parseArgs, type ParsedArgs } from './args';
import { ExitCode, printLines, type CliIo } from './io';

export const DOCTOR_USAGE = `Usage: shipshape doctor [--repo DIR] [--deep] [--json]
       shipshape fix <fix-id> [--repo DIR] --yes [--json]
       shipshape fix --undo [<snapshot-id>] [--repo DIR] --yes [--include-later-changes] [--json]
       shipshape fix --purge <snapshot-id> [--repo DIR] --yes
       shipshape snapshots [--repo DIR] [--json]

doctor lists what went wrong in the repository (most likely first) and the
fixes for each, with the exact git commands. It also looks for secrets and
large files in commits not yet pushed; --deep adds a scan of every object
for lost work (dropped stashes, staged changes lost to a reset). fix applies one after taking a
safety snapshot; fix --undo puts everything back exactly. It refuses when
files changed since the fix, naming them; --include-later-changes undoes
anyway, keeping those changes in the undo's own snapshot.
Exit codes: 0 ok, 1 a fix was refused or failed, 2 usage or environment error.
`;

const repoOf = (args: ParsedArgs, io: CliIo) => resolve(io.cwd, args.options.get('--repo')?.at(-1) ?? '.');
const wantsHelp = (args: ParsedArgs) => args.options.has('--help') || args.options.has('-h');

function situationJson(situation: Situation) {
  return {
    id: situation.id,
    kind: situation.kind,
    title: situation.title,
    explanation: situation.explanation,
    evidence: situation.evidence,
    fixes: situation.fixes.map((fix) => ({
      id: fix.id,
      title: fix.title,
      effect: fix.effect,
      commands: fixCommands(fix),
      risks: fix.risks,
      rewritesHistory: fix.rewritesHistory,
      ...(fix.refusal ? { refusal: fix.refusal } : {}),
    })),
  };
}

export async function doctorCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--repo'], ['--json', '--deep', '--help', '-h']);
  if (wantsHelp(args)) return help(io);
  if (args.positionals.length) throw new ShipshapeError('usage', `doctor takes no arguments (got "${args.positionals[0]}")`);
  const repo = repoOf(args, io);
  // Unpushed commits are scanned for secrets even without --deep: cheap, and the one mistake that must be caught before a push.
  const situations = await diagnose(repo, { deep: args.options.has('--deep'), unpushed: true, untrusted: io.untrusted === true });
  const unfinished = await findUnfinishedFix(repo, { untrusted: io.untrusted === true }).catch(() => undefined);
  if (args.options.has('--json')) {
    const interrupted = unfinished ? { unfinishedFix: { title: unfinished.title, snapshotId: unfinished.snapshot } } : {};
    io.out(`${JSON.stringify({ repo, ...interrupted, situations: situations.map(situationJson) }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (unfinished) printLines(io, `A fix was interrupted: ${describeUnfinishedFix(unfinished)}`, '');
  if (situations.length === 0) {
    io.out('Nothing to undo: Shipshape found no git mistake here.\n');
    // The quick look reads refs and reflogs; work git only holds as loose objects needs the object scan.
    if (!args.options.has('--deep'))
      io.out('That was the quick look: "shipshape doctor --deep" also scans every object for dropped stashes and files staged before a hard reset.\n');
    return ExitCode.ok;
  }
  situations.forEach((situation, index) => {
    printLines(io, `${index + 1}. ${situation.title}  [${situation.kind}]`, `   ${situation.explanation}`);
    for (const fix of situation.fixes) {
      printLines(io, `   fix ${fix.id}: ${fix.title}${fix.rewritesHistory ? ' (rewrites history)' : ''}`);
      if (fix.refusal) printLines(io, `       not now: ${fix.refusal}`);
      for (const risk of fix.risks) printLines(io, `       careful: ${risk}`);
      for (const command of fixCommands(fix)) printLines(io, `       ${command}`);
    }
    io.out('\n');
  });
  io.out('Apply one with: shipshape fix <fix-id> --yes   (every fix can be undone with shipshape fix --undo --yes)\n');
  return ExitCode.ok;
}

export async function fixCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--repo'], ['--yes', '--undo', '--include-later-changes', '--purge', '--json', '--help', '-h']);
  if (wantsHelp(args)) return help(io);
  const repo = repoOf(args, io);
  const json = args.options.has('--json');
  if (args.options.has('--purge')) {
    const snapshotId = args.positionals[0];
    if (!snapshotId) throw new ShipshapeError('usage', 'name the snapshot of the fix that took the secret out: shipshape fix --purge <snapshot-id> --yes');
    const plan = await planPurge(repo, snapshotId);
    const others = plan.casualties.map((casualty) =>
      casualty.kind === 'reflog'
        ? `reflog entry ${casualty.selector} (${casualty.message})`
        : casualty.kind === 'snapshot'
          ? `snapshot ${casualty.snapshot}${casualty.message ? ` of "${casualty.message}"` : ''}, which can then no longer be undone`
          : `dangling object ${casualty.sha.slice(0, 10)}`,
    );
    const also =
      others.length === 0
        ? 'Nothing else recoverable holds it: dropped stashes, lost commits and reflog entries stay.'
        : `These hold part of it and go too: ${others.join('; ')}. Everything else stays recoverable.`;
    if (!args.options.has('--yes'))
      throw new ShipshapeError(
        'usage',
        `purging deletes snapshot ${snapshotId} and the ${plan.purged.size} objects only the old commits hold, for good (the fix can no longer be undone). ${also} Add --yes to confirm`,
      );
    await purgeAfterSecretRemoval(repo, snapshotId);
    io.out(
      json
        ? `${JSON.stringify({ purged: snapshotId, objects: plan.purged.size, alsoDeleted: plan.casualties })}\n`
        : `Purged: snapshot ${snapshotId} and the ${plan.purged.size} objects only the old commits held are gone. ${also} Rotate the secret if it was ever pushed.\n`,
    );
    return ExitCode.ok;
  }
  if (args.options.has('--undo')) {
    if (!args.options.has('--yes')) throw new ShipshapeError('usage', 'undoing rewrites the repository to its state before the fix: add --yes to confirm');
    const result = await undoFix(repo, args.positionals[0], { includeLaterChanges: args.options.has('--include-later-changes') });
    const again = result.stillApplied;
    if (json)
      io.out(`${JSON.stringify({ undone: result.undone.id, snapshotId: result.snapshotId, ...(again ? { stillApplied: again.snapshot } : {}) }, null, 2)}\n`);
    else if (result.undone.status === 'rolled-back')
      io.out(
        `Rolled back the interrupted "${result.undone.title}": the repository is as it was before it started. What it left is snapshot ${result.snapshotId}.\n` +
          (again ? `"${again.title}" is applied again; to undo it: shipshape fix --undo ${again.snapshot} --yes\n` : ''),
      );
    else
      io.out(
        `Undone: ${result.undone.title}. The state just before this undo is snapshot ${result.snapshotId} (shipshape fix --undo --yes undoes the undo).\n`,
      );
    return ExitCode.ok;
  }
  const fixId = args.positionals[0];
  if (!fixId) throw new ShipshapeError('usage', 'name the fix to apply: shipshape fix <fix-id> --yes (shipshape doctor lists them)');
  const situations = await diagnose(repo, { deep: true });
  const plan = findFix(situations, fixId);
  if (!plan) throw new ShipshapeError('usage', `no fix "${fixId}" applies to this repository now (run shipshape doctor to see the current fixes)`);
  if (!args.options.has('--yes')) throw new ShipshapeError('usage', `"${plan.title}" changes the repository: add --yes to confirm (it can be undone)`);
  const applied = await applyFix(repo, plan);
  const secret = situationOf(situations, plan.id)?.kind === 'risky-commit';
  if (json) io.out(`${JSON.stringify({ fixId: plan.id, snapshotId: applied.snapshotId }, null, 2)}\n`);
  else {
    io.out(`Applied: ${plan.title}.\nSafety snapshot ${applied.snapshotId}; undo with: shipshape fix --undo ${applied.snapshotId} --yes\n`);
    for (const file of applied.leftOut)
      io.out(
        `Not in the safety snapshot (over ${SNAPSHOT_FILE_LIMIT / 1024 / 1024} MB, untracked, left as it is): ${file.path} (${Math.round(file.size / 1024 / 1024)} MB)\n`,
      );
    if (secret) io.out(`That snapshot still holds the secret; when you no longer need the undo: shipshape fix --purge ${applied.snapshotId} --yes\n`);
  }
  return ExitCode.ok;
}

export async function snapshotsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--repo'], ['--json', '--help', '-h']);
  if (wantsHelp(args)) return help(io);
  const snapshots = await listSnapshots(repoOf(args, io), { untrusted: io.untrusted === true });
  if (args.options.has('--json')) {
    io.out(
      `${JSON.stringify(
        snapshots.map((s) => ({
          id: s.id,
          time: new Date(s.time).toISOString(),
          worktree: s.worktree,
          fix: s.journalEntry?.title,
          status: s.journalEntry?.status,
        })),
        null,
        2,
      )}\n`,
    );
    return ExitCode.ok;
  }
  if (snapshots.length === 0) io.out('No safety snapshots: no fix has been applied here.\n');
  for (const snapshot of snapshots) {
    printLines(
      io,
      `${snapshot.id}  ${new Date(snapshot.time).toISOString()}  ${snapshot.journalEntry ? `${snapshot.journalEntry.title} (${snapshot.journalEntry.status})` : '(no fix recorded)'}`,
    );
  }
  return ExitCode.ok;
}

function situationOf(situations: readonly Situation[], fixId: string): Situation | undefined {
  return situations.find((situation) => situation.fixes.some((fix) => fix.id === fixId));
}

function findFix(situations: readonly Situation[], id: string): FixPlan | undefined {
  return situations.flatMap((situation) => situation.fixes).find((fix) => fix.id === id);
}

function help(io: CliIo): number {
  io.out(DOCTOR_USAGE);
  return ExitCode.ok;
}
