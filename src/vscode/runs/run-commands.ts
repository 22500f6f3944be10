import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { WEBHOOK_EVENTS } from '../../core/pipelines/github/data/events';
import type { PlanRequest } from '../../core/runs/local-run';
import { runWarnings, shownStatus, type RunRecord } from '../../core/runs/run-types';
import { isPlain, readWorkflow } from '../../core/runs/workflow-model';
import type { PipelineIndex } from '../views/pipeline-index';
import type { RunsNode } from '../views/runs-tree';
import type { LocalRunsModel } from './local-runs-model';
import { secretsReadBy } from '../../core/runs/referenced-secrets';
import { collectSecrets } from './run-secrets';
import { deleteKeptWorktree, type KeptWorktreeDeps } from './kept-worktree-commands';

export interface RunCommandDeps {
  readonly logger: Logger;
  readonly pipelines: PipelineIndex;
  readonly runs: LocalRunsModel;
  readonly secrets: vscode.SecretStorage;
  /** The setting for the folder the workflow is in (it may differ per folder). */
  readonly includeUncommitted: (folder: vscode.Uri) => boolean;
  /** Called once a run has its id (the run panel opens then). */
  readonly onRunStarted?: (runId: string) => void;
}

/** What a finished run command returns (tests read it). */
export interface RunSummary {
  readonly runId: string;
  readonly status: string;
  readonly problem: string | undefined;
  readonly keptWorktree: string | undefined;
  readonly jobs: readonly {
    key: string;
    status: string;
    reason: string | undefined;
    /** What did not run as asked (another toolchain): the views show the job as a warning. */
    warnings: readonly string[];
    steps: readonly { name: string; status: string; reason: string | undefined; logFile: string | undefined }[];
  }[];
}

const summaryOf = (record: RunRecord): RunSummary => ({
  runId: record.runId,
  status: record.status,
  problem: record.problem,
  keptWorktree: record.keptWorktree,
  jobs: record.jobs.map((job) => ({
    key: job.key,
    status: job.status,
    reason: job.reason,
    warnings: job.warnings ?? [],
    steps: job.steps.map((step) => ({ name: step.name, status: step.status, reason: step.reason, logFile: step.logFile })),
  })),
});

/** The workflow a command is about: the URI it was given (CodeLens), else one the user picks. */
async function workflowUri(deps: RunCommandDeps, given: unknown, title: string): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  if (!deps.pipelines.hasLoaded) await deps.pipelines.refresh();
  const workflows = deps.pipelines.all.filter((pipeline) => pipeline.file.kind === 'github-workflow');
  if (workflows.length === 0) {
    void vscode.window.showInformationMessage('No GitHub Actions workflows in this workspace: add one under .github/workflows/ first.');
    return undefined;
  }
  if (workflows.length === 1 && workflows[0]) return vscode.Uri.file(workflows[0].file.path);
  // Several folders: each workflow says which folder (which repository) it runs in.
  const severalFolders = new Set(workflows.map((pipeline) => pipeline.folder.path)).size > 1;
  const picked = await vscode.window.showQuickPick(
    workflows.map((pipeline) => ({
      label: pipeline.outline?.name ?? pipeline.file.relativePath,
      description: severalFolders ? `${pipeline.folder.name} · ${pipeline.file.relativePath}` : pipeline.file.relativePath,
      uri: vscode.Uri.file(pipeline.file.path),
    })),
    { title, placeHolder: 'Which workflow?' },
  );
  return picked?.uri;
}

/** The workflow's own folder is the repository: in a multi-root workspace, the one it lives in. */
const requestFor = (deps: RunCommandDeps, uri: vscode.Uri, extra: Partial<PlanRequest> = {}): PlanRequest => ({
  repo: dirname(uri.fsPath),
  workflow: uri.fsPath,
  includeUncommitted: deps.includeUncommitted(uri),
  ...extra,
});

export async function planCommand(deps: RunCommandDeps, uri: unknown, job: unknown): Promise<string[] | undefined> {
  const target = await workflowUri(deps, uri, 'Plan a Local Run');
  if (!target) return undefined;
  const entry = await deps.runs.plan(requestFor(deps, target, typeof job === 'string' ? { job } : {}));
  await vscode.commands.executeCommand('shipshape.runs.focus');
  return [...new Set((entry.plan?.jobs ?? []).map((planned) => planned.jobId))];
}

function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      'Running a workflow executes code from this repository, so it needs a trusted workspace. Planning works without trust.',
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}

export async function runCommand(deps: RunCommandDeps, uri: unknown, extra: Partial<PlanRequest> = {}): Promise<RunSummary | undefined> {
  if (!requireTrust()) return undefined;
  const target = await workflowUri(deps, uri, 'Run a Workflow Locally');
  if (!target) return undefined;
  return startRun(deps, requestFor(deps, target, extra));
}

async function startRun(deps: RunCommandDeps, request: PlanRequest): Promise<RunSummary | undefined> {
  const secrets = await collectSecrets(deps.secrets, request.repo, await secretsReadBy(request.workflow), true);
  if (!secrets) return undefined;
  await vscode.commands.executeCommand('shipshape.runs.focus');
  const label = request.job ? `job ${request.job}` : request.workflow.split(/[\\/]/).pop();
  deps.logger.info(`Local run of ${label} started (${request.event ?? 'push'})`);
  const record = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `$(play) Shipshape: running ${label}` }, () =>
    deps.runs.run({ ...request, secrets }, (update) => update.type === 'run-started' && deps.onRunStarted?.(update.runId)),
  );
  deps.logger.info(`Local run ${record.runId}: ${record.status} in ${record.durationMs} ms${record.problem ? ` (${record.problem})` : ''}`);
  const warned = record.jobs.filter((job) => job.warnings?.length);
  const status = shownStatus(record.status, runWarnings(record));
  const firstWarning = warned[0] ? ` ${warned[0].key}: ${warned[0].warnings?.[0] ?? ''}${warned.length > 1 ? ` (and ${warned.length - 1} more)` : ''}.` : '';
  const message = record.problem
    ? `${record.problem}${record.plan.problems.length ? ' The run lists each, with a link to its line.' : ''}`
    : `Local run of ${record.workflowName}${request.job ? ` (${request.job})` : ''}: ${status} in ${(record.durationMs / 1000).toFixed(1)} s.${firstWarning}`;
  if (status === 'success') void vscode.window.showInformationMessage(message);
  else if (record.status === 'failure') void vscode.window.showErrorMessage(message);
  else void vscode.window.showWarningMessage(message);
  return summaryOf(record);
}

/** Run with a chosen event, ref and workflow_dispatch inputs. */
export async function runWithEventCommand(deps: RunCommandDeps, uri: unknown): Promise<RunSummary | undefined> {
  if (!requireTrust()) return undefined;
  const target = await workflowUri(deps, uri, 'Run a Workflow Locally With…');
  if (!target) return undefined;
  const read = readWorkflow(readFileSync(target.fsPath, 'utf8'));
  const on = read.ok ? read.workflow.on : undefined;
  const listened = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : isPlain(on) ? Object.keys(on) : [];
  const events = [...new Set([...listened, 'push', 'pull_request', 'workflow_dispatch'])].filter(
    (name) => name in WEBHOOK_EVENTS || name === 'workflow_dispatch',
  );
  const event = await vscode.window.showQuickPick(
    events.map((name) => ({ label: name, description: listened.includes(name) ? 'the workflow listens for it' : 'not in on:' })),
    { title: 'Event', placeHolder: 'Which event should the run simulate?' },
  );
  if (!event) return undefined;
  const ref = await vscode.window.showInputBox({ title: 'Branch or tag', prompt: 'Empty: the current branch. A tag: refs/tags/v1.0.', placeHolder: 'main' });
  if (ref === undefined) return undefined;
  const inputs: Record<string, string> = {};
  const declared = isPlain(on) && isPlain(on.workflow_dispatch) && isPlain(on.workflow_dispatch.inputs) ? on.workflow_dispatch.inputs : {};
  if (event.label === 'workflow_dispatch') {
    for (const [name, spec] of Object.entries(declared)) {
      const details = isPlain(spec) ? spec : {};
      const options = Array.isArray(details.options) ? details.options.map(String) : details.type === 'boolean' ? ['true', 'false'] : undefined;
      const fallback = details.default === undefined ? '' : String(details.default);
      const value = options
        ? await vscode.window.showQuickPick(options, { title: `Input ${name}`, placeHolder: String(details.description ?? fallback) })
        : await vscode.window.showInputBox({ title: `Input ${name}`, prompt: String(details.description ?? ''), value: fallback });
      if (value === undefined) return undefined;
      inputs[name] = value;
    }
  }
  return startRun(deps, requestFor(deps, target, { event: event.label, ...(ref.trim() ? { ref: ref.trim() } : {}), inputs }));
}

const entryOf = (node: unknown) => ((node as RunsNode | undefined)?.kind === 'run' ? (node as Extract<RunsNode, { kind: 'run' }>).entry : undefined);

/** Cancel once: as on GitHub, always() steps still run; cancel again to stop them too. */
export function cancelCommand(deps: RunCommandDeps, node: unknown): 'cancelled' | 'forced' | undefined {
  const entry = entryOf(node) ?? deps.runs.running[0];
  const outcome = entry ? deps.runs.cancel(entry.id) : undefined;
  if (outcome === 'cancelled')
    vscode.window.setStatusBarMessage('$(circle-slash) Cancelling the local run: steps with always() still run. Cancel again to stop them too.', 8000);
  return outcome;
}

export async function rerunCommand(deps: RunCommandDeps, node: unknown): Promise<RunSummary | undefined> {
  const entry = entryOf(node);
  if (!entry || !requireTrust()) return undefined;
  if (!entry.request) {
    void vscode.window.showInformationMessage('This run was recorded before the editor started; run it again from its workflow file.');
    return undefined;
  }
  return startRun(deps, entry.request);
}

export async function openLogCommand(node: unknown): Promise<void> {
  const step = (node as RunsNode | undefined)?.kind === 'step' ? (node as Extract<RunsNode, { kind: 'step' }>).step : undefined;
  if (!step?.logFile) return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(step.logFile));
  await vscode.window.showTextDocument(document, { preview: true });
}

/** Deletes a run's record; a copy it kept goes too (after asking), so no worktree is left orphaned. */
export async function deleteCommand(deps: RunCommandDeps, node: unknown, kept: KeptWorktreeDeps): Promise<void> {
  const entry = entryOf(node);
  if (!entry) return;
  const copy = entry.record?.keptWorktree;
  if (copy) {
    const choice = await vscode.window.showWarningMessage(
      `Delete the run "${entry.name}" and the isolated copy it kept?`,
      { modal: true, detail: `${copy}\n\nAnything changed in that copy is lost. Your own working tree is not touched.` },
      'Delete Run and Copy',
    );
    if (choice !== 'Delete Run and Copy' || !(await deleteKeptWorktree(kept, entry))) return;
  }
  deps.runs.delete(entry.id);
}
