import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ShipshapeError } from '../core/errors';
import { displayCommand } from '../core/recovery/display';
import {
  discardLocalChanges,
  listDeletedFiles,
  moveLastCommitsToNewBranch,
  restoreDeletedFile,
  rewordLastCommit,
  startOver,
  undoCommit,
  workTreeRoot,
} from '../core/recovery/intents';
import type { FixPlan } from '../core/recovery/model';
import { applyFix } from '../core/recovery/safety';
import { timeAgo } from '../core/recovery/detectors/words';
import { parseArgs, type ParsedArgs } from './args';
import { ExitCode, printLines, type CliIo } from './io';

export const INTENT_USAGE = `Usage: shipshape undo-commit <commit> [options]
       shipshape restore-file [<path>] [options]
       shipshape reword <message> [options]
       shipshape move-to-branch <name> [--count N] [options]
       shipshape discard [PATH...] [--include-untracked] [options]
       shipshape start-over [options]

Each prints its plan (what it does, the exact git commands, the risks) and
changes nothing; add --yes to apply it over a safety snapshot, which
"shipshape fix --undo <snapshot> --yes" puts back exactly.
restore-file with no path lists the files recently deleted on this branch.

Options:
  --repo DIR     The repository (default: the current folder).
  --yes          Apply the plan.
  --fix ID       Apply another of the plans shown (default: the first).
  --json         Print JSON.
Exit codes: 0 ok, 1 refused (or the plan cannot run now), 2 usage or environment error.
`;

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const COMMON_VALUED = ['--repo', '--fix'];
const COMMON_FLAGS = ['--yes', '--json', '--help', '-h'];

const repoOf = (args: ParsedArgs, io: CliIo) => resolve(io.cwd, args.options.get('--repo')?.at(-1) ?? '.');

/** Parses the common options; undefined when help was asked for (and printed). */
function parse(argv: readonly string[], io: CliIo, valued: readonly string[] = [], flags: readonly string[] = []): ParsedArgs | undefined {
  const args = parseArgs(argv, [...COMMON_VALUED, ...valued], [...COMMON_FLAGS, ...flags]);
  if (args.options.has('--help') || args.options.has('-h')) {
    io.out(INTENT_USAGE);
    return undefined;
  }
  return args;
}

function onePositional(args: ParsedArgs, command: string, what: string): string {
  const [value, extra] = args.positionals;
  if (value === undefined) throw new ShipshapeError('usage', `${command} needs ${what}`);
  if (extra !== undefined)
    throw new ShipshapeError('usage', `${command} takes one ${what.replace(/^(a|an|the) /, '')} (got also "${extra}"; quote it if it has spaces)`);
  return value;
}

function noPositionals(args: ParsedArgs, command: string): void {
  if (args.positionals.length > 0) throw new ShipshapeError('usage', `${command} takes no arguments (got "${args.positionals[0]}")`);
}

function planJson(plan: FixPlan) {
  return {
    id: plan.id,
    title: plan.title,
    effect: plan.effect,
    commands: plan.steps.map(displayCommand),
    steps: plan.steps.map((step) => step.args),
    movesRefs: plan.movesRefs,
    rewritesHistory: plan.rewritesHistory,
    risks: plan.risks,
    ...(plan.refusal ? { refusal: plan.refusal } : {}),
  };
}

/**
 * Shows the plans, and with --yes applies the chosen one through applyFix.
 * Without --yes the exit code says what --yes would do: 1 when the chosen plan cannot run now.
 */
async function present(args: ParsedArgs, io: CliIo, repo: string, plans: readonly FixPlan[]): Promise<number> {
  const wanted = args.options.get('--fix')?.at(-1);
  const chosen = wanted === undefined ? plans[0] : plans.find((plan) => plan.id === wanted);
  if (!chosen) throw new ShipshapeError('usage', `no plan "${wanted}" here; the plans are ${plans.map((plan) => plan.id).join(', ')}`);
  const json = args.options.has('--json');
  const apply = args.options.has('--yes');
  if (!json) printPlans(io, plans, chosen);
  if (!apply) {
    if (json) io.out(`${JSON.stringify({ repo, plans: plans.map(planJson), chosen: chosen.id }, null, 2)}\n`);
    else if (!chosen.refusal)
      io.out(`Nothing was changed. Add --yes to apply ${plans.length > 1 ? 'the chosen plan (--fix <id> picks another)' : 'it'}; it can be undone.\n`);
    return chosen.refusal ? ExitCode.findings : ExitCode.ok;
  }
  const applied = await applyFix(repo, chosen);
  const undo = `shipshape fix --undo ${applied.snapshotId} --yes`;
  if (json)
    io.out(
      `${JSON.stringify({ repo, plans: plans.map(planJson), chosen: chosen.id, applied: { fixId: chosen.id, snapshotId: applied.snapshotId, undo } }, null, 2)}\n`,
    );
  else io.out(`Applied: ${chosen.title}.\nSafety snapshot ${applied.snapshotId}; undo with: ${undo}\n`);
  return ExitCode.ok;
}

function printPlans(io: CliIo, plans: readonly FixPlan[], chosen: FixPlan): void {
  plans.forEach((plan, index) => {
    const mark = plans.length > 1 && plan === chosen ? '  (chosen)' : '';
    printLines(io, `${plans.length > 1 ? `${index + 1}. ` : ''}${plan.title}  [fix ${plan.id}]${mark}`, `   ${plan.effect}`);
    for (const step of plan.steps) printLines(io, `   ${displayCommand(step)}`);
    for (const risk of plan.risks) printLines(io, `   risk: ${risk}`);
    if (plan.rewritesHistory) io.out('   rewrites published history\n');
    if (plan.refusal) printLines(io, `   not now: ${plan.refusal}`);
    io.out('\n');
  });
}

/**
 * A path typed at the prompt (relative to the current folder) as the
 * intents take it: relative to the top of the work tree, with forward
 * slashes. Symbolic links in the part that exists are resolved first, as git does.
 */
async function toRepoPath(repo: string, io: CliIo, typed: string): Promise<string> {
  const root = realpathSync(await workTreeRoot(repo));
  const inRepo = relative(root, realExisting(resolve(io.cwd, typed)));
  if (inRepo === '..' || inRepo.startsWith(`..${sep}`) || isAbsolute(inRepo)) throw new ShipshapeError('usage', `${typed} is outside the repository ${root}`);
  return inRepo.split(sep).join('/');
}

/** realpath of the deepest part of `path` that exists, with the rest appended (a deleted file does not exist). */
function realExisting(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realExisting(parent), basename(path));
}

export const undoCommitCommand: Command = async (argv, io) => {
  const args = parse(argv, io);
  if (!args) return ExitCode.ok;
  const commit = onePositional(args, 'undo-commit', 'the commit to undo (a sha, HEAD, HEAD~2, ...)');
  const repo = repoOf(args, io);
  return present(args, io, repo, await undoCommit(repo, commit));
};

export const restoreFileCommand: Command = async (argv, io) => {
  const args = parse(argv, io);
  if (!args) return ExitCode.ok;
  const repo = repoOf(args, io);
  if (args.positionals.length === 0) return listDeleted(args, io, repo);
  const path = await toRepoPath(repo, io, onePositional(args, 'restore-file', 'the path of the deleted file'));
  return present(args, io, repo, [await restoreDeletedFile(repo, path)]);
};

async function listDeleted(args: ParsedArgs, io: CliIo, repo: string): Promise<number> {
  if (args.options.has('--yes') || args.options.has('--fix'))
    throw new ShipshapeError('usage', 'name the file to restore: shipshape restore-file <path> --yes');
  const files = await listDeletedFiles(repo);
  if (args.options.has('--json')) {
    io.out(`${JSON.stringify({ repo, deleted: files }, null, 2)}\n`);
    return ExitCode.ok;
  }
  if (files.length === 0) io.out('No deleted files on this branch.\n');
  const now = Math.floor(Date.now() / 1000);
  for (const file of files) printLines(io, file.path, `   deleted by ${file.commit.slice(0, 7)} "${file.subject}", ${timeAgo(file.time, now)}`);
  if (files.length > 0) io.out('\nRestore one with: shipshape restore-file <path> --yes\n');
  return ExitCode.ok;
}

export const rewordCommand: Command = async (argv, io) => {
  const args = parse(argv, io);
  if (!args) return ExitCode.ok;
  const message = onePositional(args, 'reword', 'the new message');
  const repo = repoOf(args, io);
  return present(args, io, repo, [await rewordLastCommit(repo, message)]);
};

export const moveToBranchCommand: Command = async (argv, io) => {
  const args = parse(argv, io, ['--count']);
  if (!args) return ExitCode.ok;
  const name = onePositional(args, 'move-to-branch', 'the name of the new branch');
  const countText = args.options.get('--count')?.at(-1);
  if (countText !== undefined && !/^[1-9]\d*$/.test(countText)) throw new ShipshapeError('usage', `--count must be a whole number above 0, not "${countText}"`);
  const repo = repoOf(args, io);
  return present(args, io, repo, [await moveLastCommitsToNewBranch(repo, name, countText === undefined ? undefined : Number(countText))]);
};

export const discardCommand: Command = async (argv, io) => {
  const args = parse(argv, io, [], ['--include-untracked']);
  if (!args) return ExitCode.ok;
  const repo = repoOf(args, io);
  const paths = await Promise.all(args.positionals.map((typed) => toRepoPath(repo, io, typed)));
  return present(args, io, repo, [await discardLocalChanges(repo, { paths, includeUntracked: args.options.has('--include-untracked') })]);
};

export const startOverCommand: Command = async (argv, io) => {
  const args = parse(argv, io);
  if (!args) return ExitCode.ok;
  noPositionals(args, 'start-over');
  const repo = repoOf(args, io);
  return present(args, io, repo, [await startOver(repo)]);
};

/** The intent subcommands by name, for main.ts to dispatch. */
export const INTENT_COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['undo-commit', undoCommitCommand],
  ['restore-file', restoreFileCommand],
  ['reword', rewordCommand],
  ['move-to-branch', moveToBranchCommand],
  ['discard', discardCommand],
  ['start-over', startOverCommand],
]);
