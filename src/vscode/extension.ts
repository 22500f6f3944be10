import * as vscode from 'vscode';
import { setGitLogger } from '../core/git/git';
import { readProductVersion } from '../core/product';
import { registerCommands } from './commands';
import { RunTasks, Settings, Views } from './constants';
import * as settings from './settings';
import { createLogChannel, loggerFor } from './log';
import { PipelineIndex } from './views/pipeline-index';
import { PipelinesTreeProvider } from './views/pipelines-tree';
import { RecoveryTreeProvider } from './views/recovery-tree';
import { RunsTreeProvider } from './views/runs-tree';
import { LocalRunsModel, type RunSettings } from './runs/local-runs-model';
import { runInWorker } from '../core/runs/worker/run-worker-client';
import { RunCodeLensProvider } from './runs/run-code-lens';
import { RunTaskProvider } from './runs/run-tasks';
import { RecoveryWorkspace } from './recovery/recovery-workspace';
import { registerCommitDocuments } from './recovery/commit-documents';
import { announceUnfinishedFixes } from './recovery/unfinished-fix-notice';
import { PipelineDiagnostics } from './pipelines/diagnostics';
import { PipelineQuickFixes } from './pipelines/quick-fixes';
import { PipelineHovers } from './pipelines/hovers';
import { AzureDefinitions } from './pipelines/azure-definitions';
import { AZURE_EXPANSION, ExpandedPipelines, GITLAB_MERGE } from './pipelines/expanded-pipeline';
import { GitLabDefinitions } from './pipelines/gitlab-definitions';
import { ValidationStore } from './pipelines/validation-store';
import { registerTestCommands } from './test-mode';
import { ValidationClient } from '../core/pipelines/worker/validation-client';
import { errorMessage } from '../core/errors';
import { PreflightModel } from './preflight/preflight-model';
import { PreflightStatusBar } from './preflight/preflight-status-bar';
import { PreflightTreeProvider } from './views/preflight-tree';

const YAML_FILES: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', pattern: '**/*.{yml,yaml}' },
];
const PIPELINE_GLOB =
  '{**/.github/workflows/*.{yml,yaml},**/action.{yml,yaml},**/.gitlab-ci*.{yml,yaml},**/*.gitlab-ci.{yml,yaml},**/.gitlab/ci/**/*.{yml,yaml},**/*azure-pipelines*.{yml,yaml}}';

/** Registers everything synchronously; slow work (the first scan) starts afterwards. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLogChannel();
  const logger = loggerFor(log);
  // Every git call, with its duration, at debug level in the Shipshape log.
  setGitLogger(logger);
  const validation = new ValidationStore(
    new ValidationClient({ workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'validation-worker.js').fsPath, logger }),
    logger,
    (root) => settings.pipelinesRuleSeverity(vscode.Uri.file(root)),
  );
  const pipelines = new PipelineIndex(logger, validation);
  const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'run-worker.js').fsPath;
  const runs = new LocalRunsModel(
    logger,
    (repo) => runSettings(context, repo),
    (request) => runInWorker(request, { workerPath }),
  );
  const runsTree = new RunsTreeProvider(runs);
  const pipelinesTree = new PipelinesTreeProvider(pipelines, validation);
  const recovery = new RecoveryWorkspace(logger);
  const recoveryTree = new RecoveryTreeProvider(recovery);
  const preflight = new PreflightModel(logger, recovery);
  const preflightTree = new PreflightTreeProvider(preflight);
  const preflightStatus = new PreflightStatusBar(preflight);
  const diagnostics = new PipelineDiagnostics(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'), validation);
  const expandedPipelines = new ExpandedPipelines(validation, AZURE_EXPANSION);
  const mergedConfigurations = new ExpandedPipelines(validation, GITLAB_MERGE);

  context.subscriptions.push(
    log,
    validation,
    pipelines,
    runs,
    runsTree,
    pipelinesTree,
    recovery,
    recoveryTree,
    preflight,
    preflightTree,
    preflightStatus,
    vscode.window.registerTreeDataProvider(Views.recovery, recoveryTree),
    vscode.window.registerTreeDataProvider(Views.preflight, preflightTree),
    ...registerCommitDocuments(recovery),
    vscode.window.registerTreeDataProvider(Views.pipelines, pipelinesTree),
    vscode.window.registerTreeDataProvider(Views.runs, runsTree),
    runs.onDidChange(() => void vscode.commands.executeCommand('setContext', 'shipshape.runs.active', runs.running.length > 0)),
    // "Open/Delete Kept Copy" show in the palette only when a run kept one.
    runs.onDidChange(
      () =>
        void vscode.commands.executeCommand(
          'setContext',
          'shipshape.runs.keptCopies',
          runs.all.some((entry) => entry.record?.keptWorktree),
        ),
    ),
    vscode.languages.registerCodeLensProvider(YAML_FILES, registered(context, new RunCodeLensProvider(validation))),
    vscode.tasks.registerTaskProvider(
      RunTasks.type,
      new RunTaskProvider({ logger, pipelines, runs, secrets: context.secrets, includeUncommitted: settings.includeUncommittedChanges }),
    ),
    diagnostics,
    vscode.languages.registerCodeActionsProvider(YAML_FILES, new PipelineQuickFixes(diagnostics), { providedCodeActionKinds: PipelineQuickFixes.kinds }),
    vscode.languages.registerHoverProvider(YAML_FILES, new PipelineHovers(diagnostics)),
    vscode.languages.registerDefinitionProvider(YAML_FILES, new AzureDefinitions(validation)),
    vscode.languages.registerDefinitionProvider(YAML_FILES, new GitLabDefinitions(validation)),
    expandedPipelines,
    mergedConfigurations,
    ...registerCommands({
      extensionUri: context.extensionUri,
      logger,
      log,
      pipelines,
      runs,
      recovery,
      secrets: context.secrets,
      expandedPipelines,
      mergedConfigurations,
      preflight,
    }),
    watchPipelineFiles(
      () => void pipelines.refresh(),
      (path) => pipelines.all.some((entry) => entry.file.path === path),
    ),
    // Azure templates are checked through the files that include them: the store needs each folder's list.
    pipelines.onDidChange(() => {
      for (const folder of vscode.workspace.workspaceFolders ?? [])
        validation.setAzureFiles(
          folder.uri.fsPath,
          pipelines.all.filter(({ file, folder: owner }) => file.kind === 'azure-pipelines' && owner.path === folder.uri.fsPath).map(({ file }) => file.path),
          vscode.workspace.textDocuments,
        );
    }),
    // A folder added or removed: its pipelines and repository come or go (RecoveryWorkspace listens itself).
    vscode.workspace.onDidChangeWorkspaceFolders(() => void pipelines.refresh()),
    // New rule severities: every folder's files are validated again (the view and Problems follow the store).
    vscode.workspace.onDidChangeConfiguration((event) => {
      for (const folder of vscode.workspace.workspaceFolders ?? [])
        if (event.affectsConfiguration(Settings.pipelinesRuleSeverity, folder.uri)) validation.configChanged(folder.uri.fsPath, vscode.workspace.textDocuments);
    }),
    // In Restricted Mode git ran hardened; once trusted, read again with git's normal behaviour.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void recovery.refresh()),
    announceUnfinishedFixes(recovery, logger),
    ...registerTestCommands(context, {
      extensionUri: context.extensionUri,
      logger,
      pipelinesTree,
      validation,
      recovery,
      preflight,
      preflightStatus,
      trees: { [Views.recovery]: recoveryTree, [Views.pipelines]: pipelinesTree, [Views.runs]: runsTree, [Views.preflight]: preflightTree },
    }),
  );

  logger.info(`Shipshape ${readProductVersion(context.extensionUri.fsPath)} activated (VS Code ${vscode.version}, trusted: ${vscode.workspace.isTrusted})`);
  void pipelines.refresh().catch((error: unknown) => logger.error(`First pipeline scan failed: ${errorMessage(error)}`));
  void recovery.refresh();
}

/**
 * Where runs are kept: the workspace's storage (global storage without a workspace), one store for
 * every folder; settings from the configuration, the run's folder's where they are per folder.
 */
function runSettings(context: vscode.ExtensionContext, repo: string | undefined): RunSettings {
  const storage = (context.storageUri ?? context.globalStorageUri).fsPath;
  return {
    storeDir: `${storage}/runs`,
    cacheDir: `${storage}/cache`,
    retain: settings.runsRetain(),
    maxParallel: settings.runsMaxParallel(),
    keepWorktree: settings.keepWorktreeOnFailure(repo === undefined ? undefined : vscode.Uri.file(repo)) ? 'on-failure' : 'never',
    allowPush: settings.allowPushFromRuns(repo === undefined ? undefined : vscode.Uri.file(repo)),
  };
}

/**
 * Refreshes, debounced, whenever a pipeline file is created, changed or deleted: by its name, or any
 * YAML file the index lists (Azure files found by content or reference, such as `eng/pipelines/ci.yml`,
 * whose new `template:` lines change which files are templates).
 */
function watchPipelineFiles(refresh: () => void, isListed: (path: string) => boolean): vscode.Disposable {
  const named = vscode.workspace.createFileSystemWatcher(PIPELINE_GLOB);
  const yaml = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml}');
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  };
  const scheduleIfListed = (uri: vscode.Uri) => {
    if (isListed(uri.fsPath)) schedule();
  };
  named.onDidCreate(schedule);
  named.onDidChange(schedule);
  named.onDidDelete(schedule);
  yaml.onDidChange(scheduleIfListed);
  yaml.onDidDelete(scheduleIfListed);
  return { dispose: () => (clearTimeout(timer), named.dispose(), yaml.dispose()) };
}

/** Disposes a provider with the extension. */
function registered<T extends vscode.Disposable>(context: vscode.ExtensionContext, disposable: T): T {
  context.subscriptions.push(disposable);
  return disposable;
}

export function deactivate(): void {}
