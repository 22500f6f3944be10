import * as vscode from 'vscode';
import type { Situation, SituationKind } from '../core/recovery/model';
import type { Commands, InternalCommands } from './constants';
import type { RecoveryModel } from './recovery/recovery-model';
import type { RunSummary } from './runs/run-commands';
import type { RecoveryNode, RecoveryTreeNode } from './views/recovery-tree';
import type { RunsTreeNode } from './views/runs-tree';
import type { PipelinesNode } from './views/pipelines-tree';
import type { PreflightNode } from './views/preflight-tree';
import type { PushOutcome } from './preflight/push-with-preflight';

/** A workflow a run command acts on: a URI (CodeLens) or a Pipelines view node (its menu; a job node names the job). */
export type WorkflowArg = vscode.Uri | PipelinesNode;

/** A situation a command acts on: a tree node (which knows its repository), or the situation alone (tests). */
export type SituationArg = { readonly situation: Situation; readonly model?: RecoveryModel };

/**
 * Each command's handler signature, by id (as vscode-codeql's CommandMap): the
 * table in commands.ts must match it, and executeCommand/commandFor below only
 * accept the arguments a command takes. Arguments are what VS Code passes: a
 * tree node from a view's menu, a URI and job id from CodeLens, nothing from
 * the palette (so most are optional).
 */
export interface CommandMap {
  [Commands.openRecoveryWizard]: (node?: RecoveryTreeNode) => Promise<void>;
  [Commands.refreshRecovery]: () => Promise<void>;
  [Commands.deepScan]: (node?: RecoveryTreeNode) => Promise<SituationKind[]>;
  [Commands.undoLastFix]: (node?: RecoveryTreeNode) => Promise<string | undefined>;
  [Commands.undoSnapshot]: (node?: RecoveryNode) => Promise<string | undefined>;
  [Commands.deleteSnapshot]: (node?: RecoveryNode) => Promise<void>;
  [Commands.showCommits]: (node?: SituationArg) => Promise<void>;
  [Commands.cherryPick]: (node?: SituationArg) => Promise<void>;
  /** A Recent Actions row: the commit HEAD moved to; a Deleted Files row: the commit that deleted the file. */
  [Commands.showCommit]: (node?: RecoveryNode) => Promise<void>;
  /** A situation or fix in the Git Recovery view: the wizard on that fix (a situation's first). */
  [Commands.reviewFix]: (node?: RecoveryNode) => Promise<void>;
  /** A Deleted Files row: the wizard on restoring that file. */
  [Commands.restoreDeletedFile]: (node?: RecoveryNode) => Promise<void>;
  [Commands.refreshPipelines]: () => Promise<string[]>;
  [Commands.planLocalRun]: (workflow?: WorkflowArg, job?: string) => Promise<string[] | undefined>;
  [Commands.runWorkflow]: (workflow?: WorkflowArg) => Promise<RunSummary | undefined>;
  [Commands.runWithEvent]: (workflow?: WorkflowArg) => Promise<RunSummary | undefined>;
  [Commands.runJob]: (workflow?: WorkflowArg, job?: string) => Promise<RunSummary | undefined>;
  /** The Pipelines view's item menus: the file (a job or step at its line). Each returns the file's path. */
  [Commands.openPipelineItem]: (node?: PipelinesNode) => Promise<string | undefined>;
  [Commands.revealInProblems]: (node?: PipelinesNode) => Promise<string | undefined>;
  /** An Azure Pipelines file (else the active editor's): its expanded YAML beside it; returns that text. */
  [Commands.showExpandedPipeline]: (file?: vscode.Uri) => Promise<string | undefined>;
  /** A GitLab CI file (else the active editor's): its merged configuration beside it; returns that text. */
  [Commands.showMergedConfiguration]: (file?: vscode.Uri) => Promise<string | undefined>;
  /** The views' items: copies the path the item stands for, and returns it. */
  [Commands.copyPath]: (node?: PipelinesNode | RunsTreeNode | RecoveryNode) => Promise<string | undefined>;
  [Commands.openRunWorkflow]: (node?: RunsTreeNode) => Promise<string | undefined>;
  [Commands.cancelRun]: (node?: RunsTreeNode) => Promise<'cancelled' | 'forced' | undefined>;
  [Commands.rerun]: (node?: RunsTreeNode) => Promise<RunSummary | undefined>;
  [Commands.openRunLog]: (node?: RunsTreeNode) => Promise<void>;
  [Commands.deleteRun]: (node?: RunsTreeNode) => Promise<void>;
  [Commands.openRunPanel]: (target?: RunsTreeNode | string) => Promise<string | undefined>;
  [Commands.openKeptWorktree]: (node?: RunsTreeNode) => Promise<string | undefined>;
  [Commands.deleteKeptWorktree]: (node?: RunsTreeNode, confirmed?: boolean) => Promise<boolean>;
  [Commands.showLog]: () => Promise<void>;
  /** Checks the current repository's push now and shows the Preflight view; returns the verdict (undefined without a repository). */
  [Commands.checkBeforePush]: () => Promise<'pass' | 'warn' | 'block' | undefined>;
  [Commands.pushWithPreflight]: () => Promise<PushOutcome>;
  /** A Preflight row: the file at the line, the recovery fix for a risky commit, or the commit. */
  [Commands.openPreflightRow]: (node?: PreflightNode) => Promise<void>;
  /** A fix in the Git Recovery view: the wizard on it, in its repository (`root`). */
  [InternalCommands.openFix]: (fixId: string, root?: string) => Promise<void>;
  /** Applies a fix through the open wizard without the modal (tests; modals are refused in test mode). */
  /** The current diagnosis as plain data, of one repository or of all (tests read fix ids from it). */
  [InternalCommands.restoreFile]: (path: string, root?: string) => Promise<void>;
  [InternalCommands.showRunStep]: (node: RunsTreeNode) => Promise<void>;
  [InternalCommands.openAction]: (node: RecoveryNode) => Promise<void>;
}

export type CommandName = keyof CommandMap;

/** Runs one of Shipshape's commands with the arguments it takes. */
export function executeCommand<K extends CommandName>(id: K, ...args: Parameters<CommandMap[K]>): Thenable<Awaited<ReturnType<CommandMap[K]>>> {
  return vscode.commands.executeCommand(id, ...args);
}

/** A tree item's or CodeLens's command, its arguments checked against the handler. */
export function commandFor<K extends CommandName>(id: K, title: string, ...args: Parameters<CommandMap[K]>): vscode.Command {
  return { command: id, title, arguments: args };
}
