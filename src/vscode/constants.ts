/**
 * Every id Shipshape contributes, in one place. A unit test checks this
 * module against package.json both ways, so a rename cannot drift.
 */
export const EXTENSION_ID = 'shipshape.shipshape';
export const VIEW_CONTAINER_ID = 'shipshape';
export const OUTPUT_CHANNEL_NAME = 'Shipshape';

export const Commands = {
  openRecoveryWizard: 'shipshape.recovery.openWizard',
  refreshRecovery: 'shipshape.recovery.refresh',
  deepScan: 'shipshape.recovery.deepScan',
  undoLastFix: 'shipshape.recovery.undoLastFix',
  undoSnapshot: 'shipshape.recovery.undoSnapshot',
  deleteSnapshot: 'shipshape.recovery.deleteSnapshot',
  showCommits: 'shipshape.recovery.showCommits',
  cherryPick: 'shipshape.recovery.cherryPick',
  showCommit: 'shipshape.recovery.showCommit',
  reviewFix: 'shipshape.recovery.reviewFix',
  restoreDeletedFile: 'shipshape.recovery.restoreDeletedFile',
  refreshPipelines: 'shipshape.pipelines.refresh',
  openPipelineItem: 'shipshape.pipelines.open',
  revealInProblems: 'shipshape.pipelines.revealInProblems',
  showExpandedPipeline: 'shipshape.pipelines.showExpanded',
  showMergedConfiguration: 'shipshape.pipelines.showMerged',
  copyPath: 'shipshape.copyPath',
  planLocalRun: 'shipshape.runs.plan',
  runWorkflow: 'shipshape.runs.runWorkflow',
  runWithEvent: 'shipshape.runs.runWithEvent',
  runJob: 'shipshape.runs.runJob',
  cancelRun: 'shipshape.runs.cancel',
  rerun: 'shipshape.runs.rerun',
  openRunLog: 'shipshape.runs.openLog',
  deleteRun: 'shipshape.runs.delete',
  openKeptWorktree: 'shipshape.runs.openWorktree',
  deleteKeptWorktree: 'shipshape.runs.deleteWorktree',
  openRunPanel: 'shipshape.runs.openPanel',
  openRunWorkflow: 'shipshape.runs.openWorkflow',
  showLog: 'shipshape.showLog',
  checkBeforePush: 'shipshape.preflight.check',
  pushWithPreflight: 'shipshape.preflight.push',
  openPreflightRow: 'shipshape.preflight.openRow',
} as const;

/** Commands used by tree items, never shown in the palette or menus. */
export const InternalCommands = {
  openFix: 'shipshape.recovery.openFix',
  restoreFile: 'shipshape.recovery.restoreFile',
  /** A Recent Actions row: the wizard on the mistake it made, else its commit. */
  openAction: 'shipshape.recovery.openAction',
  showRunStep: 'shipshape.runs.showStep',
} as const;

/** Registered only when VS Code runs the extension's tests (ExtensionMode.Test): integration tests and the benchmark. */
export const TestCommands = {
  pipelineItems: 'shipshape.test.pipelineItems',
  validationIdle: 'shipshape.test.validationIdle',
  /** The current diagnosis as plain data (tests read fix ids from it). */
  situations: 'shipshape.test.situations',
  /** Applies a fix by id through the wizard, without the modal (modals are refused in test mode). */
  applyFix: 'shipshape.test.applyFix',
  /** Undoes a fix (the last one without an id), without the modal. */
  undoFix: 'shipshape.test.undoFix',
  /** What a run's panel shows now, after selecting a step when one is given. */
  runPanelState: 'shipshape.test.runPanelState',
  treeItems: 'shipshape.test.treeItems',
  /** A view's nodes themselves (not their items), to call the items' menu commands with. */
  treeNodes: 'shipshape.test.treeNodes',
  /** The Preflight status bar item as shown (after a fresh check). */
  preflightStatus: 'shipshape.test.preflightStatus',
} as const;

export const Views = {
  recovery: 'shipshape.recovery',
  pipelines: 'shipshape.pipelines',
  runs: 'shipshape.runs',
  preflight: 'shipshape.preflight',
} as const;

export const Settings = {
  gitPath: 'shipshape.git.path',
  runsIncludeUncommitted: 'shipshape.runs.includeUncommittedChanges',
  runsMaxParallel: 'shipshape.runs.maxParallel',
  runsKeepWorktree: 'shipshape.runs.keepWorktreeOnFailure',
  runsAllowPush: 'shipshape.runs.allowPush',
  runsRetain: 'shipshape.runs.keepRuns',
  runsOpenPanelOnStart: 'shipshape.runs.openPanelOnStart',
  runsCodeLens: 'shipshape.runs.codeLens',
  pipelinesRuleSeverity: 'shipshape.pipelines.ruleSeverity',
  preflightBeforePush: 'shipshape.preflight.beforePush',
} as const;

export const WebviewPanels = {
  recoveryWizard: 'shipshape.recoveryWizard',
  runPanel: 'shipshape.runPanel',
} as const;

/** The task type of local runs and the problem matchers of its terminal (one per level: a matcher's severity group knows only error and warning). */
export const RunTasks = {
  type: 'shipshape',
  problemMatchers: ['$shipshape-error', '$shipshape-warning', '$shipshape-notice'],
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/**
 * When each command shows in the Command Palette, where it gets no tree item:
 * 'always' (it picks the repository or run, or says there is none), 'never'
 * (it acts on a tree item only), or the context key it needs. A unit test
 * holds package.json's `menus.commandPalette` to this table.
 */
export const PaletteWhen: Readonly<Record<CommandId, 'always' | 'never' | string>> = {
  [Commands.openRecoveryWizard]: 'always',
  [Commands.refreshRecovery]: 'always',
  [Commands.deepScan]: 'always',
  [Commands.undoLastFix]: 'always',
  [Commands.undoSnapshot]: 'never',
  [Commands.deleteSnapshot]: 'never',
  [Commands.showCommits]: 'never',
  [Commands.cherryPick]: 'never',
  [Commands.showCommit]: 'never',
  [Commands.reviewFix]: 'never',
  [Commands.restoreDeletedFile]: 'never',
  [Commands.refreshPipelines]: 'always',
  [Commands.planLocalRun]: 'always',
  [Commands.runWorkflow]: 'always',
  [Commands.runWithEvent]: 'always',
  [Commands.runJob]: 'never',
  [Commands.cancelRun]: 'shipshape.runs.active',
  [Commands.rerun]: 'never',
  [Commands.openRunLog]: 'never',
  [Commands.deleteRun]: 'never',
  [Commands.openKeptWorktree]: 'shipshape.runs.keptCopies',
  [Commands.deleteKeptWorktree]: 'shipshape.runs.keptCopies',
  [Commands.openRunPanel]: 'always',
  [Commands.showLog]: 'always',
  [Commands.openPipelineItem]: 'never',
  [Commands.revealInProblems]: 'never',
  [Commands.showExpandedPipeline]: 'shipshape.azureFileActive',
  [Commands.showMergedConfiguration]: 'shipshape.gitlabFileActive',
  [Commands.copyPath]: 'never',
  [Commands.openRunWorkflow]: 'never',
  [Commands.checkBeforePush]: 'always',
  [Commands.pushWithPreflight]: 'always',
  [Commands.openPreflightRow]: 'never',
};
