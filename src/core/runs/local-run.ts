import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { errorMessage, ShipshapeError } from '../errors';
import type { GitOptions } from '../git/git';
import { isRepositoryGitVariable } from '../git/git-environment';
import type { Value } from '../pipelines/expressions/values';
import { validatePipeline } from '../pipelines/validate';
import { eventFacts } from './event-file';
import { runValidation } from './validation-problems';
import { eventPayload, type RunSubject } from './github-context';
import type { RunEnvironment } from './job-runner';
import { planWorkflow, problemLists, selectJobs, type WorkflowPlan } from './plan';
import { anySignal } from './abort-signals';
import { runJobs } from './run-engine';
import {
  changedFiles,
  copyUncommittedChanges,
  eventRef,
  readFileAt,
  readHeadCommit,
  readRepositoryState,
  refCommit,
  repositoryDefaultBranch,
  upstreamCommit,
  type RepositoryState,
} from './run-git';
import { writeRunGitConfig } from './run-git-config';
import { createRunRepository, removeRunRepository } from './run-repository';
import { loadCalledWorkflows, type CalledWorkflows } from './reusable-workflows';
import { RunStore } from './run-store';
import type { JobResult, RunListener, RunRecord, RunStatus } from './run-types';
import { maskDeep, SecretMasker } from './secret-masker';
import { findOnPath } from './shells';
import { killStrayProcesses, runMarkerPrefix } from './stray-processes';
import { resolveDispatchInputs } from './workflow-inputs';
import { readWorkflow, type WorkflowModel } from './workflow-model';

export interface PlanRequest {
  /** Any folder inside the repository. */
  readonly repo: string;
  /** The workflow file, absolute or relative to the repository root. */
  readonly workflow: string;
  readonly event?: string;
  /** A branch, tag or full ref; default: the current branch. */
  readonly ref?: string;
  /** pull_request: the target branch (default: main). */
  readonly baseRef?: string;
  readonly activityType?: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly vars?: Readonly<Record<string, string>>;
  /** Default: what git says changed on this branch (and uncommitted changes when they are copied). */
  readonly changedFiles?: readonly string[];
  readonly payload?: Readonly<Record<string, Value>>;
  /** Run only this job and what it needs. */
  readonly job?: string;
  /** Copy the user's uncommitted changes into the isolated copy (and read the workflow from the working tree). */
  readonly includeUncommitted?: boolean;
  /** Run even with validation errors GitHub would reject (they become warnings): the user insists. */
  readonly ignoreValidationErrors?: boolean;
  readonly git?: GitOptions;
}

export interface RunRequest extends PlanRequest {
  readonly secrets?: Readonly<Record<string, string>>;
  /** Where runs are recorded. */
  readonly storeDir: string;
  readonly retain?: number;
  /** Shared by runs: actions/cache's stand-in. Default: `<storeDir>/../cache`. */
  readonly cacheDir?: string;
  readonly keepWorktree?: 'never' | 'on-failure' | 'always';
  /** Let steps `git push` to the repository's remotes (off: the run's copy has every push URL blocked). */
  readonly allowPush?: boolean;
  readonly maxParallel?: number;
  /** Cancels the run as GitHub does: steps and jobs with always() (or cancelled()) in their if: still run. */
  readonly signal?: AbortSignal;
  /** Force-cancel (a second cancel): stops everything, always() steps too. */
  readonly forceSignal?: AbortSignal;
  readonly onUpdate?: RunListener;
  /** The environment steps start from; default: this process's. */
  readonly hostEnv?: NodeJS.ProcessEnv;
  /** Told where the isolated copy goes, before it is made (the run worker's parent cleans it up should the worker die). */
  readonly onWorktree?: (worktree: RunWorktree) => void;
}

export interface RunWorktree {
  /** The user's repository, which lists the worktree. */
  readonly root: string;
  readonly workspace: string;
}

/** Where a run's isolated copy lives: its own folder in the temp dir, removed with it. */
export const runWorkspacePath = (runId: string): string => join(tmpdir(), `shipshape-run-${runId}`, 'workspace');

export interface PreparedPlan {
  readonly plan: WorkflowPlan;
  readonly workflow: WorkflowModel | undefined;
  readonly state: RepositoryState;
  readonly subject: RunSubject;
  readonly relativePath: string;
  /** Local reusable workflows the jobs call, read from the same place as the workflow. */
  readonly calledWorkflows: CalledWorkflows;
  /** Whether the copy gets the uncommitted changes: asked for, and the run is of HEAD. */
  readonly includeUncommitted: boolean;
}

/** The default branch, for the events that need it (schedule runs only there). */
async function defaultBranchFor(event: string | undefined, root: string, options: GitOptions): Promise<{ defaultBranch?: string }> {
  if (event !== 'schedule') return {};
  const branch = await repositoryDefaultBranch(root, options);
  return branch === undefined ? {} : { defaultBranch: branch };
}

/** Reads the repository and the workflow and plans, touching nothing. */
export async function prepareLocalPlan(request: PlanRequest, runId = 'plan', runNumber = 1): Promise<PreparedPlan> {
  const head = await readRepositoryState(request.repo, request.git ?? {});
  const ref = request.ref ? await eventRef(request.ref, head.root, request.git ?? {}) : head.ref.startsWith('refs/') ? head.ref : `refs/heads/HEAD`;
  const checkout = await checkoutFor(request, head, ref);
  const { state } = checkout;
  const absolute = isAbsolute(request.workflow) ? request.workflow : join(state.root, request.workflow);
  const relativePath = relative(state.root, absolute).split('\\').join('/');
  if (relativePath.startsWith('..')) throw new ShipshapeError('usage', `${request.workflow} is not inside the repository at ${state.root}.`);
  const { includeUncommitted } = checkout;
  const source = includeUncommitted ? readWorkingFile(absolute) : await readFileAt(state.root, state.sha, relativePath, request.git ?? {});
  if (source === undefined) {
    throw new ShipshapeError(
      'unreadable-file',
      `${relativePath} is not in ${includeUncommitted ? 'the working tree' : `commit ${state.sha.slice(0, 7)}`}.`,
      includeUncommitted ? undefined : 'Commit it, or include uncommitted changes.',
    );
  }
  const event = {
    name: request.event ?? 'push',
    ref,
    // An --event-file payload is the event: its base branch and action filter like GitHub's.
    ...eventFacts(request.event ?? 'push', request, request.payload),
    changedFiles: request.changedFiles ?? (await changedFiles(state.root, includeUncommitted, request.git ?? {}, checkout.rev)),
    ...(await defaultBranchFor(request.event, state.root, request.git ?? {})),
  };
  const read = readWorkflow(source);
  const headCommit = await readHeadCommit(state.root, state.sha, request.git ?? {});
  const defaultBranch = event.defaultBranch ?? (await repositoryDefaultBranch(state.root, request.git ?? {}));
  const before = await upstreamCommit(state.root, checkout.rev, state.sha, request.git ?? {});
  const isPullRequest = event.name === 'pull_request' || event.name === 'pull_request_target';
  const base = isPullRequest
    ? await refCommit(`refs/heads/${(event.baseRef ?? defaultBranch ?? 'main').replace(/^refs\/heads\//, '')}`, state.root, request.git ?? {})
    : undefined;
  const subject: RunSubject = {
    event,
    sha: state.sha,
    repository: state.repository,
    actor: state.actor,
    inputs: request.inputs ?? {},
    ...(request.payload ? { payload: request.payload } : {}),
    runId,
    runNumber,
    workflow: { name: (read.ok ? read.workflow.name : undefined) ?? relativePath, path: relativePath },
    ...(headCommit ? { headCommit } : {}),
    ...(before ? { before } : {}),
    ...(base ? { baseSha: base.sha } : {}),
    ...(defaultBranch ? { defaultBranch } : {}),
  };
  const readAt = (path: string) =>
    includeUncommitted ? Promise.resolve(readWorkingFile(join(state.root, path))) : readFileAt(state.root, state.sha, path, request.git ?? {});
  const called = read.ok ? await loadCalledWorkflows(read.workflow, readAt) : { workflows: new Map(), sources: new Map<string, string>() };
  // Validation checks calls against the called files as they are in what runs.
  const readFile = (path: string) => called.sources.get(relative(state.root, path).split('\\').join('/')) ?? readWorkingFile(path);
  const validation = runValidation(
    validatePipeline({ path: absolute, text: source, root: state.root, kind: 'github-workflow', readFile }).findings,
    relativePath,
    request.ignoreValidationErrors === true,
  );
  const validationErrors = validation.errors;
  const warnings = validation.warnings.length ? { warnings: validation.warnings } : {};
  if (!read.ok) {
    const plan: WorkflowPlan = {
      workflow: relativePath,
      name: relativePath,
      event: event.name,
      ref: event.ref,
      trigger: { triggers: false, reason: read.problem },
      ...problemLists([...validationErrors, ...(validationErrors.length ? [] : [{ message: read.problem }])]),
      jobs: [],
      order: { waves: [], blocked: [] },
      willRun: false,
      checkout: checkout.text,
      ...warnings,
    };
    return { plan, workflow: undefined, state, subject, relativePath, calledWorkflows: called.workflows, includeUncommitted };
  }
  const planned = planWorkflow({
    workflowPath: relativePath,
    workflow: read.workflow,
    subject,
    vars: request.vars ?? {},
    validationErrors,
    calledWorkflows: called.workflows,
    ...(request.job ? { job: request.job } : {}),
  });
  const plan: WorkflowPlan = { ...planned, checkout: checkout.text, ...warnings };
  return { plan, workflow: read.workflow, state, subject, relativePath, calledWorkflows: called.workflows, includeUncommitted };
}

/**
 * What the run's copy holds: the commit --ref points at (what GitHub checks out for that ref), else HEAD
 * (with the uncommitted changes when they are copied in), and the words that say which.
 */
async function checkoutFor(
  request: PlanRequest,
  head: RepositoryState,
  ref: string,
): Promise<{ state: RepositoryState; rev: string; text: string; includeUncommitted: boolean }> {
  const short = (sha: string) => sha.slice(0, 7);
  const uncommitted = request.includeUncommitted === true;
  const atHead = { state: head, rev: 'HEAD', includeUncommitted: uncommitted };
  const headText = `HEAD (${short(head.sha)})${uncommitted ? ' with your uncommitted changes' : ', as committed'}`;
  if (!request.ref) return { ...atHead, text: headText };
  const found = await refCommit(ref, head.root, request.git ?? {});
  if (!found) return { ...atHead, text: `${request.ref} is not a branch, tag or commit here: ${headText}` };
  if (found.sha === head.sha) return { ...atHead, text: headText };
  const merge = request.event === 'pull_request' || request.event === 'pull_request_target' ? ' (GitHub would check out its merge into the base branch)' : '';
  // Uncommitted changes are made on top of HEAD: they are no part of another commit.
  const left = uncommitted ? "; your uncommitted changes are HEAD's, so they are not copied in" : '';
  return {
    state: { ...head, sha: found.sha },
    rev: found.rev,
    includeUncommitted: false,
    text: `${request.ref} (${short(found.sha)}), the commit GitHub checks out for it${merge}${left}`,
  };
}

function readWorkingFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Why a plan cannot run, for a person, in one line (the plan's problems list each reason); undefined when it can. */
export function refusalOf(plan: WorkflowPlan): string | undefined {
  const count = plan.problems.length;
  if (count) return `The workflow cannot run: ${count === 1 ? '1 problem' : `${count} problems`}.`;
  if (!plan.trigger.triggers) return `The workflow does not run for this event: ${plan.trigger.reason}`;
  if (!plan.jobs.some((job) => job.willRun)) return 'No job would run for this event.';
  return undefined;
}

/** Plans, then runs the workflow in an isolated worktree and records the run. Resolves with the record; cancellation is a status, not an error. */
export async function runLocally(request: RunRequest): Promise<RunRecord> {
  const started = Date.now();
  const store = new RunStore(request.storeDir, request.retain);
  const { runId, runDir } = store.createRun();
  const prepared = await prepareLocalPlan(request, runId, store.nextRunNumber());
  const { plan, workflow, state, subject } = prepared;
  // Every string that leaves the run (updates, the record on disk and returned, run --json) is masked.
  const masker = new SecretMasker();
  for (const value of Object.values(request.secrets ?? {})) masker.add(value);
  const emit = safeListener(
    request.onUpdate
      ? (update) => request.onUpdate?.(update.type === 'log' ? { ...update, lines: update.lines.map((line) => masker.mask(line)) } : maskDeep(update, masker))
      : undefined,
  );
  emit({ type: 'run-started', runId, plan, runDir });
  const base = {
    runId,
    repositoryRoot: state.root,
    workflow: prepared.relativePath,
    workflowName: plan.name,
    event: plan.event,
    ref: plan.ref,
    sha: state.sha,
    startedAt: new Date(started).toISOString(),
    plan,
  };
  const refusal = refusalOf(plan);
  if (refusal || !workflow) {
    const record: RunRecord = {
      ...base,
      // Problems are the workflow's failure; a workflow that does not run for the event is skipped, as on GitHub.
      status: plan.problems.length || !workflow ? 'failure' : 'skipped',
      durationMs: Date.now() - started,
      jobs: [],
      keptWorktree: undefined,
      problem: refusal ?? 'The workflow cannot be read.',
    };
    store.save(record);
    emit({ type: 'run-finished', record });
    return record;
  }

  const workspace = runWorkspacePath(runId);
  const hostEnv = cleanHostEnv(request.hostEnv ?? process.env);
  const runGitConfig = join(dirname(workspace), 'gitconfig');
  let jobs: JobResult[] = [];
  let problem: string | undefined;
  let kept: string | undefined;
  // A safety net: should the engine ever throw, every job still running is force-stopped before
  // its worktree goes, so no step outlives the run.
  const internalStop = new AbortController();
  const force = anySignal(...(request.forceSignal ? [request.forceSignal] : []), internalStop.signal);
  // Every job leg and step listens to these: a run of 11+ jobs is no listener leak.
  setMaxListeners(0, force.signal, internalStop.signal, ...(request.signal ? [request.signal] : []), ...(request.forceSignal ? [request.forceSignal] : []));
  try {
    request.onWorktree?.({ root: state.root, workspace });
    await createRunRepository(state.root, state.sha, workspace, { ...(request.git ?? {}), allowPush: request.allowPush === true });
    if (prepared.includeUncommitted) await copyUncommittedChanges(state.root, workspace, request.git ?? {});
    // Steps get a global git config of the run's own (a copy of the user's, pushes blocked).
    hostEnv.GIT_CONFIG_GLOBAL = runGitConfig;
    await writeRunGitConfig(runGitConfig, workspace, request.hostEnv ?? process.env, {
      ...(request.git ?? {}),
      allowPush: request.allowPush === true,
    });
    const inputs = subject.event.name === 'workflow_dispatch' ? resolveDispatchInputs(workflow.on, subject.inputs).values : { ...subject.inputs };
    const eventPath = join(runDir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(eventPayload(subject, inputs), null, 2));
    const environment: RunEnvironment = {
      runId,
      workspace,
      runDir,
      artifactsDir: join(runDir, 'artifacts'),
      cacheDir: request.cacheDir ?? join(request.storeDir, '..', 'cache'),
      hostEnv,
      masker,
      findExecutable: (name) => findOnPath(name, hostEnv.PATH),
      workflowName: plan.name,
      workflowEnv: workflow.env,
      workflowDefaults: workflow.defaults,
      eventPath,
      emit,
    };
    mkdirSync(environment.artifactsDir, { recursive: true });
    jobs = await runJobs({
      workflow,
      workflowPath: prepared.relativePath,
      calledWorkflows: prepared.calledWorkflows,
      subject,
      inputs,
      vars: request.vars ?? {},
      secrets: request.secrets ?? {},
      selected: selectJobs(workflow.jobs, request.job),
      blocked: new Set(plan.order.blocked.map(({ id }) => id)),
      maxParallel: request.maxParallel ?? Math.max(1, cpus().length),
      signal: request.signal ?? new AbortController().signal,
      forceSignal: force.signal,
      environment,
    });
  } catch (error) {
    problem = errorMessage(error);
    internalStop.abort('the run stopped on an internal error');
  } finally {
    force.dispose();
    // Each job swept its own; this catches what a job that never got to its end left.
    await killStrayProcesses(runMarkerPrefix(runId));
    await rm(runGitConfig, { force: true }); // the run's, not a kept copy's: that one reads the user's again
    const failed = problem !== undefined || jobs.some((job) => job.status === 'failure' || job.status === 'cancelled');
    const keep = request.keepWorktree === 'always' || (request.keepWorktree === 'on-failure' && failed);
    if (keep && existsSync(workspace)) kept = workspace;
    else {
      removeRunRepository(workspace);
      await rm(dirname(workspace), { recursive: true, force: true }); // the run's own temp folder, now empty
    }
  }
  const record: RunRecord = maskDeep(
    { ...base, status: problem ? 'failure' : overallStatus(jobs, request.signal), durationMs: Date.now() - started, jobs, keptWorktree: kept, problem },
    masker,
  );
  store.save(record);
  emit({ type: 'run-finished', record });
  return record;
}

/** A listener's own failure (a view, a panel) must never stop or corrupt the run it watches. */
function safeListener(listener: RunListener | undefined): RunListener {
  return (update) => {
    try {
      listener?.(update);
    } catch {
      // The run goes on; what the listener missed is in the run's record and logs.
    }
  };
}

export function overallStatus(jobs: readonly JobResult[], signal: AbortSignal | undefined): RunStatus {
  if (signal?.aborted) return 'cancelled';
  if (jobs.some((job) => job.status === 'failure')) return 'failure';
  if (jobs.some((job) => job.status === 'cancelled')) return 'cancelled';
  if (jobs.length > 0 && jobs.every((job) => job.status === 'skipped')) return 'skipped';
  return 'success';
}

/** Variables from the editor or a CI that must not leak into the run's steps. */
const DROPPED = /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|VSCODE_|ELECTRON_)/;

/** The caller's environment for the steps, without what would point their git at the user's repository (a hook's GIT_DIR). */
function cleanHostEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && !DROPPED.test(key) && !isRepositoryGitVariable(key)) out[key] = value;
  return out;
}
