import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { checkEventName } from '../core/pipelines/github/data/events';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { errorMessage, ShipshapeError } from '../core/errors';
import { printable } from '../core/printable';
import { prepareLocalPlan, runLocally, type PlanRequest } from '../core/runs/local-run';
import { parseEnvFile } from '../core/runs/env-files';
import { planProblems, problemText, type WorkflowPlan } from '../core/runs/plan';
import { runWarnings, shownStatus, type RunRecord, type RunUpdate } from '../core/runs/run-types';
import { outcomeLines, RunLogLines } from '../core/runs/run-log-lines';
import { readRepositoryState } from '../core/runs/run-git';
import { parseArgs, type ParsedArgs } from './args';
import { ExitCode, signalExitCode, type CliIo } from './io';

const COMMON =
  '[--repo DIR] [--workflow FILE] [--job ID] [--event NAME] [--ref REF] [--base BRANCH] [--type ACTIVITY] [--input k=v]... [--event-file F] [--uncommitted] [--ignore-validation] [--json]';

export const PLAN_USAGE = `Usage: shipshape plan ${COMMON} [--changed PATH]...

Shows what a GitHub Actions workflow would do for an event, without running
anything: whether it triggers (branches, tags, paths, activity types), the jobs
in order with matrix legs, which jobs and steps run or are skipped and why, and
what a local run cannot reproduce. --changed overrides the changed files (default:
what git says changed on this branch against its upstream or the default branch).
Validation errors GitHub rejects are problems (a run refuses them); findings GitHub
runs anyway (untrusted input inlined in a script, a deprecated command) are
warnings. --ignore-validation makes every validation error a warning.
`;

export const RUN_USAGE = `Usage: shipshape run ${COMMON} [--secret-file F] [--var-file F] [--store DIR] [--keep-worktree] [--allow-push] [--max-parallel N]

Runs a workflow on this machine, without Docker, in an isolated copy of HEAD (of
the commit --ref names, when that is another one): a repository of its own that
borrows your objects read-only (--uncommitted copies your uncommitted changes in). Your working tree, index, branches, tags, stash
and git config are never touched (steps get a copy of your global git config);
a step's git push, to any URL, is blocked unless --allow-push. Steps otherwise
run with your HOME and environment. Secrets (--secret-file, NAME=value lines) reach
only the steps whose expressions use them and are masked in every log line.
Validation errors GitHub rejects stop the run unless --ignore-validation.
Runs are recorded under --store (default: ~/.local/state/shipshape/runs).
Exit codes: 0 the run succeeded, 1 it failed or could not run, 2 usage error,
128+N when signal N cancelled it (Ctrl+C, kill, the terminal closing); a second
signal force-cancels. Either way the run is recorded and its copy removed. A
closed output (shipshape run | head) does not stop the run.
`;

const VALUED = [
  '--repo',
  '--workflow',
  '--job',
  '--event',
  '--ref',
  '--base',
  '--type',
  '--input',
  '--event-file',
  '--changed',
  '--secret-file',
  '--var-file',
  '--store',
  '--max-parallel',
];
const FLAGS = ['--json', '--uncommitted', '--ignore-validation', '--keep-worktree', '--allow-push', '--help', '-h'];

const last = (args: ParsedArgs, name: string) => args.options.get(name)?.at(-1);

function keyValues(values: readonly string[] | undefined, option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new ShipshapeError('usage', `${option} takes NAME=VALUE, not "${value}"`);
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
}

function readKeyFile(path: string | undefined, cwd: string, option: string): Record<string, string> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new ShipshapeError('unreadable-file', `${option}: cannot read ${path}.`);
  }
  const parsed = parseEnvFile(text);
  if (parsed.problems.length) throw new ShipshapeError('usage', `${option} ${path}: ${parsed.problems[0] ?? ''}`);
  return Object.fromEntries(parsed.values);
}

/** The workflow to use: the one named, else the only one in .github/workflows. */
async function chooseWorkflow(args: ParsedArgs, repo: string): Promise<string> {
  const named = last(args, '--workflow');
  if (named) {
    if (existsSync(resolve(repo, named)) || named.includes('/')) return named;
    const inFolder = ['', '.yml', '.yaml'].map((suffix) => `.github/workflows/${named}${suffix}`).find((candidate) => existsSync(join(repo, candidate)));
    return inFolder ?? named;
  }
  const folder = join(repo, '.github', 'workflows');
  const files = existsSync(folder) ? readdirSync(folder).filter((file) => /\.ya?ml$/.test(file)) : [];
  if (files.length === 1) return `.github/workflows/${files[0] as string}`;
  if (files.length === 0) throw new ShipshapeError('usage', `no workflow files in ${folder}`);
  throw new ShipshapeError('usage', `choose a workflow with --workflow: ${files.join(', ')}`);
}

/** The event a plan or run is for: one GitHub knows, or a usage error saying which was meant. */
function knownEvent(event: string): string {
  const problem = checkEventName(event)[0];
  if (problem) throw new ShipshapeError('usage', `--event: ${problem.message}`);
  return event;
}

async function planRequest(args: ParsedArgs, io: CliIo): Promise<PlanRequest> {
  const repo = resolve(io.cwd, last(args, '--repo') ?? '.');
  const { root } = await readRepositoryState(repo, { untrusted: io.untrusted === true });
  const eventFile = last(args, '--event-file');
  let payload: Record<string, never> | undefined;
  if (eventFile) {
    try {
      payload = JSON.parse(readFileSync(resolve(io.cwd, eventFile), 'utf8')) as Record<string, never>;
    } catch (error) {
      throw new ShipshapeError('usage', `--event-file ${eventFile} is not readable JSON: ${errorMessage(error)}`);
    }
  }
  const changed = args.options.get('--changed');
  const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    repo: root,
    git: { untrusted: io.untrusted === true },
    workflow: await chooseWorkflow(args, root),
    event: knownEvent(last(args, '--event') ?? 'push'),
    inputs: keyValues(args.options.get('--input'), '--input'),
    includeUncommitted: args.options.has('--uncommitted'),
    ignoreValidationErrors: args.options.has('--ignore-validation'),
    ...optional('ref', last(args, '--ref')),
    ...optional('baseRef', last(args, '--base')),
    ...optional('activityType', last(args, '--type')),
    ...optional('job', last(args, '--job')),
    ...optional('changedFiles', changed),
    ...optional('payload', payload),
  };
}

export async function planCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(
    argv,
    VALUED.filter((name) => !['--secret-file', '--store', '--max-parallel'].includes(name)),
    FLAGS.filter((name) => name !== '--keep-worktree' && name !== '--allow-push'),
  );
  if (args.options.has('--help') || args.options.has('-h')) {
    io.out(PLAN_USAGE);
    return ExitCode.ok;
  }
  const request = { ...(await planRequest(args, io)), vars: readKeyFile(last(args, '--var-file'), io.cwd, '--var-file') };
  const { plan } = await prepareLocalPlan(request);
  io.out(args.options.has('--json') ? `${JSON.stringify(planJson(plan), null, 2)}\n` : formatPlan(plan));
  return plan.problems.length ? ExitCode.findings : ExitCode.ok;
}

/** `plan --json`: the shape of `run --json`, with willRun and reason instead of results. */
export function planJson(plan: WorkflowPlan) {
  return {
    workflow: plan.workflow,
    event: plan.event,
    ref: plan.ref,
    willRun: plan.willRun,
    reason: plan.trigger.reason,
    problems: plan.problems,
    warnings: (plan.warnings ?? []).map(problemText),
    jobs: plan.jobs.map((job) => ({
      id: job.jobId,
      key: job.key,
      name: job.name,
      matrix: job.matrix,
      needs: job.needs,
      willRun: job.willRun,
      reason: job.reason,
      limitations: job.limitations,
      steps: job.steps.map((step) => ({ id: step.id ?? null, name: step.name, willRun: step.willRun, reason: step.reason })),
    })),
  };
}

export function formatPlan(plan: WorkflowPlan): string {
  const lines = [
    `${plan.name} (${plan.workflow}) on ${plan.event} to ${plan.ref}`,
    `  ${plan.trigger.triggers ? 'triggers' : 'does not trigger'}: ${plan.trigger.reason}`,
    ...(plan.checkout ? [`  files: ${plan.checkout}`] : []),
  ];
  for (const problem of plan.problems) lines.push(`  problem: ${problem}`);
  for (const warning of plan.warnings ?? []) lines.push(`  warning: ${problemText(warning)}`);
  for (const job of plan.jobs) {
    lines.push(`  ${job.willRun ? '▶' : '○'} ${job.key}${job.name !== job.jobId && !job.key.includes(job.name) ? ` "${job.name}"` : ''}: ${job.reason}`);
    for (const note of job.limitations) lines.push(`      ! ${note}`);
    if (!job.willRun) continue;
    for (const step of job.steps)
      lines.push(`      ${step.willRun ? '·' : '○'} ${step.name}${step.willRun && step.reason.startsWith('runs when') ? '' : `: ${step.reason}`}`);
  }
  return lines.map((line) => `${printable(line)}\n`).join('');
}

/** Where `shipshape run` (and `preflight --run`) record runs by default. */
export function defaultStore(): string {
  const state = process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(state, 'shipshape', 'runs');
}

/** Ctrl+C, kill, and the terminal closing (SIGHUP): each cancels the run instead of killing us mid-way. */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(
    argv,
    VALUED.filter((name) => name !== '--changed'),
    FLAGS,
  );
  if (args.options.has('--help') || args.options.has('-h')) {
    io.out(RUN_USAGE);
    return ExitCode.ok;
  }
  const maxParallel = last(args, '--max-parallel');
  if (maxParallel !== undefined && !/^[1-9]\d*$/.test(maxParallel))
    throw new ShipshapeError('usage', `--max-parallel takes a positive number, not "${maxParallel}"`);
  const json = args.options.has('--json');
  const controller = new AbortController();
  const force = new AbortController();
  // The first signal cancels (always() steps still run), the second force-cancels; either way the
  // run ends as any run does (steps stopped, copy removed, record written) before we exit.
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    if (controller.signal.aborted) force.abort();
    else controller.abort();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    const record = await runLocally({
      ...(await planRequest(args, io)),
      secrets: readKeyFile(last(args, '--secret-file'), io.cwd, '--secret-file'),
      vars: readKeyFile(last(args, '--var-file'), io.cwd, '--var-file'),
      storeDir: resolve(io.cwd, last(args, '--store') ?? defaultStore()),
      keepWorktree: args.options.has('--keep-worktree') ? 'on-failure' : 'never',
      allowPush: args.options.has('--allow-push'),
      signal: controller.signal,
      forceSignal: force.signal,
      ...(maxParallel ? { maxParallel: Number(maxParallel) } : {}),
      ...(json ? {} : { onUpdate: logStreamer(io) }),
    });
    if (json) io.out(`${JSON.stringify(runJson(record), null, 2)}\n`);
    else io.out(formatOutcome(record));
    if (stoppedBy) return signalExitCode(stoppedBy);
    return record.status === 'success' ? ExitCode.ok : ExitCode.findings; // a warning ran: its status is success
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

/**
 * `run --json`, the shape the issue names. A status is what a person is shown: "warning" where a job
 * went on other than asked (its `warnings` say how); a refused run lists its `problems`, each once, with their places.
 */
export function runJson(record: RunRecord) {
  return {
    runId: record.runId,
    status: shownStatus(record.status, runWarnings(record)),
    ...(record.problem ? { problem: record.problem } : {}),
    ...(record.jobs.length === 0 && record.plan.problems.length ? { problems: planProblems(record.plan) } : {}),
    jobs: record.jobs.map((job) => ({
      id: job.jobId,
      key: job.key,
      name: job.name,
      matrix: job.matrix,
      status: shownStatus(job.status, job.warnings),
      outputs: job.outputs,
      ...(job.reason ? { reason: job.reason } : {}),
      ...(job.warnings?.length ? { warnings: job.warnings } : {}),
      steps: job.steps.map((step) => ({
        id: step.id ?? null,
        name: step.name,
        status: shownStatus(step.status, step.warning ? [step.warning] : []),
        exitCode: step.exitCode,
        outputs: step.outputs,
        reason: step.reason ?? null,
        ...(step.warning ? { warning: step.warning } : {}),
      })),
    })),
  };
}

/** Prints a run's updates as they come, each line prefixed by its job and step. */
function logStreamer(io: CliIo): (update: RunUpdate) => void {
  const lines = new RunLogLines();
  return (update) => {
    for (const line of lines.linesOf(update)) io.out(`${line}\n`);
  };
}

function formatOutcome(record: RunRecord): string {
  return `${outcomeLines(record).join('\n')}\n`;
}
