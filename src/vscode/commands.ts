import * as vscode from 'vscode';
import { undoConfirmingLaterChanges } from './recovery/undo-with-confirmation';
import type { Logger } from '../core/logger';
import { Commands, InternalCommands, Views, type CommandId } from './constants';
import type { RecoveryModel } from './recovery/recovery-model';
import type { RecoveryWorkspace } from './recovery/recovery-workspace';
import type { CommandMap, CommandName, SituationArg } from './command-map';
import * as settings from './settings';
import { guarded } from './error-reporter';
import { restoreDeletedFile } from '../core/recovery/intents';
import { cherryPickPlan } from '../core/recovery/commit-actions';
import { openCommits } from './recovery/commit-documents';
import { deepScanWithProgress } from './recovery/deep-scan';
import { lostCommitsOf, modelOfNode, type RecoveryNode, type RecoveryTreeNode } from './views/recovery-tree';
import type { RunsNode } from './views/runs-tree';
import { copyPathOfItem, openPipelineItem, openRunWorkflow, revealInProblems, workflowTarget } from './views/item-commands';
import type { PipelineIndex } from './views/pipeline-index';
import type { LocalRunsModel } from './runs/local-runs-model';
import {
  cancelCommand,
  deleteCommand,
  openLogCommand,
  planCommand,
  rerunCommand,
  runCommand,
  runWithEventCommand,
  type RunCommandDeps,
} from './runs/run-commands';
import { RecoveryWizardPanel } from './webviews/recovery-wizard-panel';
import { deleteKeptWorktreeCommand, openKeptWorktreeCommand, type KeptWorktreeDeps } from './runs/kept-worktree-commands';
import { openRunPanel, RunPanel, type RunPanelDeps } from './runs/run-panel';
import type { ExpandedPipelines } from './pipelines/expanded-pipeline';
import type { PreflightModel } from './preflight/preflight-model';
import { pushWithPreflight } from './preflight/push-with-preflight';
import { openPreflightRow } from './preflight/preflight-row';

export interface CommandDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly log: vscode.LogOutputChannel;
  readonly pipelines: PipelineIndex;
  readonly runs: LocalRunsModel;
  readonly recovery: RecoveryWorkspace;
  readonly secrets: vscode.SecretStorage;
  readonly expandedPipelines: ExpandedPipelines;
  readonly mergedConfigurations: ExpandedPipelines;
  readonly preflight: PreflightModel;
}

/** Each handler typed by its id: a constant without a handler, or a handler taking other arguments, does not compile. */
type Handlers<K extends CommandName> = { readonly [Id in K]: CommandMap[Id] };

/** Every command, one typed table: a constant without a handler does not compile. */
function handlers(deps: CommandDeps): Handlers<CommandId> {
  const panelDeps: RunPanelDeps = { extensionUri: deps.extensionUri, logger: deps.logger, model: deps.runs };
  const runDeps: RunCommandDeps = {
    logger: deps.logger,
    pipelines: deps.pipelines,
    runs: deps.runs,
    secrets: deps.secrets,
    includeUncommitted: settings.includeUncommittedChanges,
    onRunStarted: (runId) => {
      if (settings.openPanelOnStart()) RunPanel.show(panelDeps, runId);
    },
  };
  const keptDeps: KeptWorktreeDeps = { logger: deps.logger, runs: deps.runs };
  return {
    [Commands.openRecoveryWizard]: async (node) => {
      const model = await repositoryOf(deps, node, 'Undo My Git Mistake');
      if (model) RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model);
    },
    [Commands.refreshRecovery]: async () =>
      vscode.window.withProgress({ location: { viewId: 'shipshape.recovery' }, title: 'Checking the repository' }, () => deps.recovery.refresh()),
    [Commands.deepScan]: async (node) => {
      const model = await repositoryOf(deps, node, 'Deep Scan for Lost Work');
      if (!model) return [];
      const { state, result } = await deepScanWithProgress(model);
      await vscode.commands.executeCommand('shipshape.recovery.focus');
      const found = model.deepFindings.length > 0;
      void vscode.window.showInformationMessage(result, ...(found ? ['Open Wizard'] : [])).then((choice) => {
        if (choice === 'Open Wizard') RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model);
      });
      return state.status === 'ready' ? state.situations.map((situation) => situation.kind) : [];
    },
    [Commands.undoLastFix]: async (node) => {
      const model = await repositoryOf(deps, node, 'Undo the Last Fix');
      return model ? undo(model, undefined) : undefined;
    },
    [Commands.showCommits]: async (node) => {
      const found = situationIn(deps, node);
      const shas = found ? lostCommitsOf(found.situation) : [];
      if (!found || !shas.length) return;
      await openCommits(found.model.folder, shas);
    },
    [Commands.showCommit]: async (node) => {
      if (node?.kind === 'action') await openCommits(node.model.folder, [node.action.sha]);
      if (node?.kind === 'deleted') await openCommits(node.model.folder, [node.file.commit]);
    },
    [Commands.restoreDeletedFile]: async (node) => {
      if (node?.kind === 'deleted') await offerRestore(deps, node.model, node.file.path);
    },
    [Commands.reviewFix]: async (node) => {
      const fixId = node?.kind === 'fix' ? node.fix.id : node?.kind === 'situation' ? node.situation.fixes[0]?.id : undefined;
      if (node && fixId) RecoveryWizardPanel.show(deps.extensionUri, deps.logger, node.model, fixId);
    },
    [Commands.cherryPick]: async (node) => {
      const found = situationIn(deps, node);
      const shas = found ? lostCommitsOf(found.situation) : [];
      if (!found || !shas.length) return;
      const { situation, model } = found;
      const state = model.state;
      const branch = state.status === 'ready' ? state.summary.branch : undefined;
      const wizard = RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model);
      await wizard.showIntent(async () =>
        model.offerIntent(situation.title, `Copies the commits of "${situation.title}" onto ${branch ?? 'the current commit'}.`, [
          await cherryPickPlan(model.folder, shas, branch, model.options),
        ]),
      );
    },
    [Commands.undoSnapshot]: async (node) => {
      const target = snapshotOf(deps, node);
      return target ? undo(target.model, target.snapshotId) : undefined;
    },
    [Commands.deleteSnapshot]: async (node) => {
      const target = snapshotOf(deps, node);
      if (target) await deleteSnapshot(target.model, target.snapshotId);
    },
    [Commands.refreshPipelines]: async () =>
      vscode.window.withProgress({ location: { viewId: 'shipshape.pipelines' }, title: 'Finding pipeline files' }, async () => {
        const found = await deps.pipelines.refresh();
        return found.map((pipeline) => pipeline.file.relativePath);
      }),
    [Commands.planLocalRun]: async (target, job) => {
      const given = workflowTarget(target, job);
      return planCommand(runDeps, given.uri, given.job);
    },
    [Commands.runWorkflow]: async (target) => runCommand(runDeps, workflowTarget(target, undefined).uri),
    [Commands.runWithEvent]: async (target) => runWithEventCommand(runDeps, workflowTarget(target, undefined).uri),
    [Commands.runJob]: async (target, job) => {
      const given = workflowTarget(target, job);
      return runCommand(runDeps, given.uri, given.job ? { job: given.job } : {});
    },
    [Commands.openPipelineItem]: async (node) => openPipelineItem(node),
    [Commands.revealInProblems]: async (node) => revealInProblems(node),
    [Commands.showExpandedPipeline]: async (file) => deps.expandedPipelines.show(file instanceof vscode.Uri ? file : undefined),
    [Commands.showMergedConfiguration]: async (file) => deps.mergedConfigurations.show(file instanceof vscode.Uri ? file : undefined),
    [Commands.copyPath]: async (node) => copyPathOfItem(node),
    [Commands.openRunWorkflow]: async (node) => openRunWorkflow(node),
    [Commands.cancelRun]: async (node) => cancelCommand(runDeps, node),
    [Commands.rerun]: async (node) => rerunCommand(runDeps, node),
    [Commands.openRunLog]: async (node) => openLogCommand(node),
    [Commands.deleteRun]: async (node) => deleteCommand(runDeps, node, keptDeps),
    [Commands.openRunPanel]: async (node) => openRunPanel(panelDeps, node),
    [Commands.openKeptWorktree]: async (node) => openKeptWorktreeCommand(keptDeps, node),
    [Commands.deleteKeptWorktree]: async (node, confirmed) => deleteKeptWorktreeCommand(keptDeps, node, confirmed === true),
    [Commands.showLog]: async () => deps.log.show(true),
    [Commands.checkBeforePush]: async () => {
      await vscode.commands.executeCommand(`${Views.preflight}.focus`);
      const state = await deps.preflight.refresh();
      return state.status === 'ready' ? state.report.verdict : undefined;
    },
    [Commands.pushWithPreflight]: async () => pushWithPreflight(deps.preflight),
    [Commands.openPreflightRow]: async (node) =>
      openPreflightRow(node, (root, fixId) => {
        const model = deps.recovery.forRoot(root) ?? deps.recovery.withFix(fixId);
        if (model) RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model, fixId);
      }),
  };
}

/** The repository a command acts on: the tree node's, else the active editor's, the only one, or the one the user picks. */
async function repositoryOf(deps: CommandDeps, node: RecoveryTreeNode | undefined, title: string): Promise<RecoveryModel | undefined> {
  return modelOfNode(node) ?? deps.recovery.pick(title);
}

/** A situation and its repository: the node's, else whichever repository's diagnosis holds it. */
function situationIn(deps: CommandDeps, node: SituationArg | undefined): { situation: SituationArg['situation']; model: RecoveryModel } | undefined {
  const situation = node?.situation;
  if (!situation || typeof situation.id !== 'string') return undefined;
  const model = node.model ?? deps.recovery.withSituation(situation.id);
  return model ? { situation, model } : undefined;
}

/** Tree nodes carry the snapshot and its repository; the palette passes nothing. */
function snapshotOf(deps: CommandDeps, node: RecoveryNode | undefined): { snapshotId: string; model: RecoveryModel } | undefined {
  const snapshot = (node as { snapshot?: { id?: unknown } } | undefined)?.snapshot;
  const snapshotId = typeof snapshot?.id === 'string' ? snapshot.id : undefined;
  const model = node?.model ?? (snapshotId ? deps.recovery.withSnapshot(snapshotId) : undefined);
  return snapshotId && model ? { snapshotId, model } : undefined;
}

/** The wizard on restoring one deleted file: the plan, its commands, and Apply. */
async function offerRestore(deps: CommandDeps, model: RecoveryModel, path: string): Promise<void> {
  const wizard = RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model);
  await wizard.showIntent(() =>
    restoreDeletedFile(model.folder, path, model.options).then((fix) =>
      model.offerIntent(`Restore ${path}`, 'The file comes back as it was just before the commit that deleted it.', [fix]),
    ),
  );
}

async function undo(model: RecoveryModel, snapshotId: string | undefined): Promise<string | undefined> {
  const choice = await vscode.window.showWarningMessage(
    snapshotId ? 'Undo this fix?' : 'Undo the last fix?',
    {
      modal: true,
      detail: 'Branches, staged changes and files go back exactly to how they were before the fix. The current state is kept in a new safety snapshot first.',
    },
    'Undo Fix',
  );
  if (choice !== 'Undo Fix') return undefined;
  const title = await undoConfirmingLaterChanges(model, snapshotId);
  if (title === undefined) return undefined;
  void vscode.window.showInformationMessage(`Undone: ${title}.`);
  return title;
}

async function deleteSnapshot(model: RecoveryModel, snapshotId: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    'Delete this safety snapshot?',
    { modal: true, detail: 'The fix it was taken for can no longer be undone afterwards.' },
    'Delete Snapshot',
  );
  if (choice !== 'Delete Snapshot') return;
  await model.deleteSnapshot(snapshotId);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const internal: Handlers<(typeof InternalCommands)[keyof typeof InternalCommands]> = {
    // A tree item opens the wizard on its fix, in its repository.
    [InternalCommands.openFix]: async (fixId, root) => {
      const model = deps.recovery.forRoot(root) ?? deps.recovery.withFix(fixId) ?? (await deps.recovery.pick('Undo My Git Mistake'));
      if (model) RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model, typeof fixId === 'string' ? fixId : undefined);
    },
    // A deleted file in the tree: plan its restore and show it in the wizard.
    [InternalCommands.restoreFile]: async (path, root) => {
      const model = deps.recovery.forRoot(root) ?? (await deps.recovery.pick('Restore a Deleted File'));
      if (typeof path === 'string' && model) await offerRestore(deps, model, path);
    },
    // A Recent Actions row: the wizard on the mistake that action made, else the commit it moved HEAD to.
    [InternalCommands.openAction]: async (node) => {
      if (node?.kind !== 'action') return;
      const { model, action } = node;
      const state = model.state;
      const made =
        state.status === 'ready'
          ? state.situations.find((situation) => situation.fixes.length && situation.evidence.some((item) => item.kind === 'reflog' && item.sha === action.sha))
          : undefined;
      if (made) RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model, made.fixes[0]?.id);
      else await openCommits(model.folder, [action.sha]);
    },
    // A step of a run in the Local Runs view: the run's panel, showing that step's log.
    [InternalCommands.showRunStep]: async (node) => {
      const step = node as Extract<RunsNode, { kind: 'step' }> | undefined;
      if (step?.kind !== 'step' || step.entry.kind !== 'run') return;
      await RunPanel.show({ extensionUri: deps.extensionUri, logger: deps.logger, model: deps.runs }, step.entry.id)?.select(step.job.key, step.step.index);
    },
  };
  const table: Record<string, (...args: never[]) => Promise<unknown>> = { ...handlers(deps), ...internal };
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, guarded(deps.logger, commandTitle(id), handler as (...args: unknown[]) => Promise<unknown>)),
  );
}

function commandTitle(id: string): string {
  return `Shipshape (${id.replace(/^shipshape\./, '')})`;
}
