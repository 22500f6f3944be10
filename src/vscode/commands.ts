import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { Commands, InternalCommands, Settings, type CommandId } from './constants';
import type { RecoveryModel } from './recovery/recovery-model';
import { guarded } from './error-reporter';
import { toAbortSignal } from './workspace';
import { restoreDeletedFile } from '../core/recovery/intents';
import { cherryPickPlan, showCommits } from '../core/recovery/commit-actions';
import type { Situation } from '../core/recovery/model';
import { lostCommitsOf } from './views/recovery-tree';
import type { PipelineIndex } from './views/pipeline-index';
import type { LocalRunsModel } from './runs/local-runs-model';
import type { RunsNode } from './views/runs-tree';
import { cancelCommand, deleteCommand, openLogCommand, planCommand, rerunCommand, runCommand, runWithEventCommand, type RunCommandDeps } from './runs/run-commands';
import { RecoveryWizardPanel } from './webviews/recovery-wizard-panel';
import { deleteKeptWorktreeCommand, openKeptWorktreeCommand, type KeptWorktreeDeps } from './runs/kept-worktree-commands';
import { openRunPanel, RunPanel, type RunPanelDeps } from './runs/run-panel';

export interface CommandDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly log: vscode.LogOutputChannel;
  readonly pipelines: PipelineIndex;
  readonly runs: LocalRunsModel;
  readonly recovery: RecoveryModel;
  readonly secrets: vscode.SecretStorage;
}

type Handlers = { readonly [K in CommandId]: (...args: unknown[]) => Promise<unknown> };

/** Every command, one typed table: a constant without a handler does not compile. */
function handlers(deps: CommandDeps): Handlers {
  const panelDeps: RunPanelDeps = { extensionUri: deps.extensionUri, logger: deps.logger, model: deps.runs };
  const runDeps: RunCommandDeps = {
    logger: deps.logger,
    pipelines: deps.pipelines,
    runs: deps.runs,
    secrets: deps.secrets,
    includeUncommitted: () => vscode.workspace.getConfiguration().get<boolean>(Settings.runsIncludeUncommitted, true),
    onRunStarted: (runId) => {
      if (vscode.workspace.getConfiguration().get<boolean>(Settings.runsOpenPanelOnStart, true)) RunPanel.show(panelDeps, runId);
    },
  };
  const keptDeps: KeptWorktreeDeps = { logger: deps.logger, runs: deps.runs, gitBinary: () => vscode.workspace.getConfiguration().get<string>(Settings.gitPath) || undefined };
  return {
    [Commands.openRecoveryWizard]: async () => {
      RecoveryWizardPanel.show(deps.extensionUri, deps.logger, deps.recovery);
    },
    [Commands.refreshRecovery]: async () =>
      vscode.window.withProgress({ location: { viewId: 'shipshape.recovery' }, title: 'Checking the repository' }, () => deps.recovery.refresh()),
    [Commands.deepScan]: async () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Shipshape: deep scan for lost work', cancellable: true }, async (progress, token) => {
        let reported = 0;
        const state = await deps.recovery.deepScan(toAbortSignal(token), (message, fraction) => {
          const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - reported);
          if (fraction !== undefined) reported = fraction * 100;
          progress.report({ message, ...(increment ? { increment } : {}) });
        });
        await vscode.commands.executeCommand('shipshape.recovery.focus');
        return state.status === 'ready' ? state.situations.map((situation) => situation.kind) : [];
      }),
    [Commands.undoLastFix]: async () => undo(deps, undefined),
    [Commands.showCommits]: async (node) => {
      const shas = situationOf(node) ? lostCommitsOf(situationOf(node) as Situation) : [];
      if (!shas.length) return;
      const content = await showCommits(deps.recovery.folder, shas, deps.recovery.options);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content, language: 'diff' }), { preview: true });
    },
    [Commands.cherryPick]: async (node) => {
      const situation = situationOf(node);
      const shas = situation ? lostCommitsOf(situation) : [];
      if (!situation || !shas.length) return;
      const state = deps.recovery.state;
      const branch = state.status === 'ready' ? state.summary.branch : undefined;
      const wizard = RecoveryWizardPanel.show(deps.extensionUri, deps.logger, deps.recovery);
      await wizard.showIntent(async () => deps.recovery.offerIntent(situation.title, `Copies the commits of "${situation.title}" onto ${branch ?? 'the current commit'}.`, [await cherryPickPlan(deps.recovery.folder, shas, branch, deps.recovery.options)]));
    },
    [Commands.undoSnapshot]: async (node) => undo(deps, snapshotIdOf(node)),
    [Commands.deleteSnapshot]: async (node) => deleteSnapshot(deps, snapshotIdOf(node)),
    [Commands.refreshPipelines]: async () =>
      vscode.window.withProgress({ location: { viewId: 'shipshape.pipelines' }, title: 'Finding pipeline files' }, async () => {
        const found = await deps.pipelines.refresh();
        return found.map((pipeline) => pipeline.file.relativePath);
      }),
    [Commands.planLocalRun]: async (uri, job) => planCommand(runDeps, uri, job),
    [Commands.runWorkflow]: async (uri) => runCommand(runDeps, uri),
    [Commands.runWithEvent]: async (uri) => runWithEventCommand(runDeps, uri),
    [Commands.runJob]: async (uri, job) => runCommand(runDeps, uri, typeof job === 'string' ? { job } : {}),
    [Commands.cancelRun]: async (node) => cancelCommand(runDeps, node),
    [Commands.rerun]: async (node) => rerunCommand(runDeps, node),
    [Commands.openRunLog]: async (node) => openLogCommand(node),
    [Commands.deleteRun]: async (node) => deleteCommand(runDeps, node, keptDeps),
    [Commands.openRunPanel]: async (node) => openRunPanel(panelDeps, node),
    [Commands.openKeptWorktree]: async (node) => openKeptWorktreeCommand(keptDeps, node),
    [Commands.deleteKeptWorktree]: async (node, confirmed) => deleteKeptWorktreeCommand(keptDeps, node, confirmed === true),
    [Commands.showLog]: async () => deps.log.show(true),
  };
}

function situationOf(node: unknown): Situation | undefined {
  const situation = (node as { situation?: Situation } | undefined)?.situation;
  return situation && typeof situation.id === 'string' ? situation : undefined;
}

/** Tree nodes carry the snapshot; the palette passes nothing. */
function snapshotIdOf(node: unknown): string | undefined {
  const snapshot = (node as { snapshot?: { id?: unknown } } | undefined)?.snapshot;
  return typeof snapshot?.id === 'string' ? snapshot.id : undefined;
}

async function undo(deps: CommandDeps, snapshotId: string | undefined): Promise<string | undefined> {
  const choice = await vscode.window.showWarningMessage(
    snapshotId ? 'Undo this fix?' : 'Undo the last fix?',
    { modal: true, detail: 'Branches, staged changes and files go back exactly to how they were before the fix. The current state is kept in a new safety snapshot first.' },
    'Undo Fix',
  );
  if (choice !== 'Undo Fix') return undefined;
  const title = await deps.recovery.undo(snapshotId);
  void vscode.window.showInformationMessage(`Undone: ${title}.`);
  return title;
}

async function deleteSnapshot(deps: CommandDeps, snapshotId: string | undefined): Promise<void> {
  if (!snapshotId) return;
  const choice = await vscode.window.showWarningMessage('Delete this safety snapshot?', { modal: true, detail: 'The fix it was taken for can no longer be undone afterwards.' }, 'Delete Snapshot');
  if (choice !== 'Delete Snapshot') return;
  await deps.recovery.deleteSnapshot(snapshotId);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const internal: Record<string, (...args: unknown[]) => Promise<unknown>> = {
    // A tree item opens the wizard on its fix.
    [InternalCommands.openFix]: async (fixId) => {
      RecoveryWizardPanel.show(deps.extensionUri, deps.logger, deps.recovery, typeof fixId === 'string' ? fixId : undefined);
    },
    // A deleted file in the tree: plan its restore and show it in the wizard.
    [InternalCommands.restoreFile]: async (path) => {
      if (typeof path !== 'string') return;
      const wizard = RecoveryWizardPanel.show(deps.extensionUri, deps.logger, deps.recovery);
      await wizard.showIntent(() => restoreDeletedFile(deps.recovery.folder, path, deps.recovery.options).then((fix) => deps.recovery.offerIntent(`Restore ${path}`, 'The file comes back as it was just before the commit that deleted it.', [fix])));
    },
    // A step of a run in the Local Runs view: the run's panel, showing that step's log.
    [InternalCommands.showRunStep]: async (node) => {
      const step = node as Extract<RunsNode, { kind: 'step' }> | undefined;
      if (step?.kind !== 'step' || step.entry.kind !== 'run') return;
      await RunPanel.show({ extensionUri: deps.extensionUri, logger: deps.logger, model: deps.runs }, step.entry.id)?.select(step.job.key, step.step.index);
    },
  };
  return Object.entries({ ...handlers(deps), ...internal }).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(deps.logger, commandTitle(id), handler)));
}

function commandTitle(id: string): string {
  return `Shipshape (${id.replace(/^shipshape\./, '')})`;
}
