import { resolve } from 'node:path';
import { describeError, isShipshapeError, ShipshapeError } from '../core/errors';
import { findHookPlace, installHook, uninstallHook } from '../core/preflight/hook-install';
import { runPreflight } from '../core/preflight/preflight';
import type { PreflightReport } from '../core/preflight/types';
import { runPushJobs, runsBlock, type PreflightRun } from '../core/preflight/run-push-jobs';
import { defaultStore } from './run-commands';
import { parseArgs } from './args';
import { ExitCode, printLines, type CliIo } from './io';

export const PREFLIGHT_USAGE = `Usage: shipshape preflight [--repo DIR] [--remote NAME] [--json] [--strict] [--run [--store DIR]]

Checks what "git push" would send before it does: secrets (always masked),
files over 50 MB (warn) or 100 MB (block), conflict markers, .env-style files,
errors in the pipeline files it changes (or that change in the working tree),
the branch's state (behind or diverged, the default branch, a merge or rebase
in progress) and, for each GitHub workflow, whether the push would run it and
which jobs. Only the commits no remote branch has are read, so it takes the
same time on any history. "shipshape hook install" runs it before each push.
Exit codes: 0 pass or warn, 1 block, 2 usage error. When the check itself
fails it says so and exits 0, so it never stops a push; --strict exits 1.
--run also runs, locally (as "shipshape run": an isolated copy of HEAD, pushes
blocked), the workflows this push would run, and adds each job's result; a job
that fails blocks. It runs code from the repository, so --untrusted refuses it.
Runs are recorded under --store (default: that of "shipshape run").
`;

/** `shipshape preflight`; `--hook REMOTE [URL]` is how the pre-push hook calls it, with git's refs on standard input. */
export async function preflightCommand(argv: readonly string[], io: CliIo, stdin: () => Promise<string> = readStdin): Promise<number> {
  const args = parseArgs(argv, ['--repo', '--remote', '--store'], ['--json', '--strict', '--hook', '--run', '--help', '-h']);
  if (args.options.has('--help') || args.options.has('-h')) {
    io.out(PREFLIGHT_USAGE);
    return ExitCode.ok;
  }
  const hook = args.options.has('--hook');
  if (!hook && args.positionals.length) throw new ShipshapeError('usage', `preflight takes no arguments (got "${args.positionals[0]}")`);
  const run = args.options.has('--run');
  if (run && hook) throw new ShipshapeError('usage', 'the pre-push hook does not take --run');
  if (run && io.untrusted)
    throw new ShipshapeError(
      'untrusted',
      "preflight --run runs the workflows' steps, code from the repository, so it is refused with --untrusted (or SHIPSHAPE_UNTRUSTED=1).",
      'Run it without --run, or in a clone you trust.',
    );
  const strict = args.options.has('--strict');
  const json = args.options.has('--json');
  const repo = resolve(io.cwd, args.options.get('--repo')?.at(-1) ?? '.');
  const remote = hook ? args.positionals[0] : args.options.get('--remote')?.at(-1);
  try {
    const hookInput = hook ? await stdin() : undefined;
    const checked = await runPreflight(repo, {
      untrusted: io.untrusted === true,
      ...(remote !== undefined ? { remote } : {}),
      ...(hookInput !== undefined ? { hookInput } : {}),
    });
    const { notes } = checked;
    let report = checked.report;
    const runs = run
      ? await runPushJobs(repo, report, checked.changedFiles, {
          storeDir: resolve(io.cwd, args.options.get('--store')?.at(-1) ?? defaultStore()),
          onWorkflow: (file) => io.err(`Running ${file} locally…\n`),
        })
      : undefined;
    if (runs && runsBlock(runs)) report = { ...report, verdict: 'block' };
    if (json) io.out(`${JSON.stringify({ ...reportJson(report), ...(runs ? { runs } : {}) }, null, 2)}\n`);
    else printReport(io, report, notes, hook, runs);
    return report.verdict === 'block' ? ExitCode.findings : ExitCode.ok;
  } catch (error) {
    // Arguments and places that are not a repository are the caller's to fix; anything else is the check failing.
    if (!hook && isShipshapeError(error) && (error.code === 'usage' || error.code === 'not-a-repository')) throw error;
    io.err(`shipshape preflight: the check could not run: ${describeError(error)}\n`);
    if (strict) return ExitCode.findings;
    io.err('shipshape preflight: the push is not blocked because of that (--strict would block it).\n');
    return ExitCode.ok;
  }
}

/** The JSON shape documented for `--json` (issue #15): nothing else, so scripts can rely on it. */
export function reportJson(report: PreflightReport) {
  return {
    verdict: report.verdict,
    commits: report.commits,
    findings: report.findings.map(({ kind, severity, message, commit, file, line }) => ({
      kind,
      severity,
      message,
      ...(commit !== undefined ? { commit } : {}),
      ...(file !== undefined ? { file } : {}),
      ...(line !== undefined ? { line } : {}),
    })),
    pipelines: report.pipelines.map(({ file, kind, willRun, reason, jobs }) => ({
      file,
      kind,
      willRun,
      reason,
      jobs: jobs.map(({ id, willRun: runs, reason: why }) => ({ id, willRun: runs, reason: why })),
    })),
  };
}

const VERDICT_WORDS = { pass: 'Ready to push', warn: 'Ready to push, with warnings', block: 'Do not push yet' } as const;

function printReport(io: CliIo, report: PreflightReport, notes: readonly string[], hook: boolean, runs?: readonly PreflightRun[]): void {
  // A clean push stays quiet in the hook: git's own output is what the person reads.
  if (hook && report.verdict === 'pass') return;
  const write = hook ? (text: string) => io.err(text) : io.out;
  const out: CliIo = { ...io, out: write };
  const count = report.commits.length;
  printLines(out, `Preflight: ${VERDICT_WORDS[report.verdict]} (${count} commit${count === 1 ? '' : 's'} checked).`);
  for (const note of notes) printLines(out, `  ${note}`);
  for (const finding of report.findings) {
    printLines(out, `  ${finding.severity.padEnd(5)} ${finding.kind}: ${finding.message}`);
    if (finding.action) printLines(out, `        ${finding.action}`);
  }
  if (!hook && report.pipelines.length > 0) {
    printLines(out, '', 'On push, CI would run:');
    for (const pipeline of report.pipelines) {
      printLines(out, `  ${pipeline.willRun ? 'runs   ' : 'skipped'} ${pipeline.file}: ${pipeline.reason}`);
      if (pipeline.willRun)
        for (const job of pipeline.jobs) printLines(out, `            ${job.willRun ? '✓' : '–'} ${job.id}${job.willRun ? '' : `: ${job.reason}`}`);
    }
  }
  if (runs) {
    printLines(out, '', runs.length ? 'Ran locally:' : 'Ran locally: nothing (no workflow runs for this push).');
    for (const result of runs)
      printLines(out, `  ${result.conclusion.padEnd(8)} ${result.workflow}${result.job ? ` ${result.job}` : ''}${result.problem ? `: ${result.problem}` : ''}`);
  }
  if (hook && report.verdict === 'block') printLines(out, 'The push was stopped. Fix the findings above, or push with --no-verify to skip this check.');
}

function readStdin(): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (process.stdin.isTTY) {
      resolvePromise('');
      return;
    }
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.on('end', () => resolvePromise(text));
    process.stdin.on('error', reject);
  });
}

export const HOOK_USAGE = `Usage: shipshape hook install|uninstall [--repo DIR]

install writes a pre-push hook that runs "shipshape preflight" on the refs git
is about to push and stops the push when the check blocks. It goes where git
looks (core.hooksPath is honoured; with Husky, a block in .husky/pre-push). An
existing pre-push hook is never overwritten: it is moved to
pre-push.shipshape-chained and runs first; uninstall puts it back. The hook
records this node and this CLI by absolute path, so shipshape need not be on
PATH. "git push --no-verify" skips it.
`;

/** How the hook reaches this CLI: this node, its loader flags (tsx in development), and this script, all absolute. */
export function selfCommand(): string[] {
  const script = process.argv[1] ? resolve(process.argv[1]) : '';
  return [process.execPath, ...process.execArgv.filter((arg) => !arg.startsWith('--inspect')), script];
}

export async function hookCommand(argv: readonly string[], io: CliIo, command: readonly string[] = selfCommand()): Promise<number> {
  const args = parseArgs(argv, ['--repo'], ['--help', '-h']);
  const [action, extra] = args.positionals;
  if (args.options.has('--help') || args.options.has('-h')) {
    io.out(HOOK_USAGE);
    return ExitCode.ok;
  }
  if ((action !== 'install' && action !== 'uninstall') || extra !== undefined)
    throw new ShipshapeError('usage', 'say "shipshape hook install" or "shipshape hook uninstall"');
  const place = await findHookPlace(resolve(io.cwd, args.options.get('--repo')?.at(-1) ?? '.'), { untrusted: io.untrusted === true });
  if (action === 'install') {
    const change = installHook(place, command);
    printLines(
      io,
      change.husky ? `Added the preflight check to Husky's ${change.file}.` : `Installed the pre-push hook: ${change.file}.`,
      ...(change.chained ? [`Your existing hook was moved to ${change.chained}; it still runs first, and uninstall puts it back.`] : []),
      'Each "git push" is now checked first; "git push --no-verify" skips the check.',
    );
    return ExitCode.ok;
  }
  const change = uninstallHook(place);
  if (!change) {
    printLines(io, `No Shipshape hook at ${place.file}: nothing to remove.`);
    return ExitCode.ok;
  }
  printLines(
    io,
    change.husky ? `Removed the preflight check from ${change.file}.` : `Removed the pre-push hook ${change.file}.`,
    ...(change.chained ? [`Your previous hook is back at ${change.file}.`] : []),
  );
  return ExitCode.ok;
}
