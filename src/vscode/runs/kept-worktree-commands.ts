import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { removeKeptWorktree } from '../../core/runs/kept-worktree';
import type { RunsNode } from '../views/runs-tree';
import type { LocalRunsModel, RunEntry } from './local-runs-model';
import { describeError, errorMessage } from '../../core/errors';
import { editorGitOptions } from '../git-options';

export interface KeptWorktreeDeps {
  readonly logger: Logger;
  readonly runs: LocalRunsModel;
}

const keptPath = (entry: RunEntry | undefined): string | undefined => entry?.record?.keptWorktree;

/** The run a command is about: the tree node it was invoked on, else one the user picks. */
async function runWithKeptWorktree(deps: KeptWorktreeDeps, node: unknown, title: string): Promise<RunEntry | undefined> {
  const given = node as RunsNode | undefined;
  if (given && given.kind !== 'note' && keptPath(given.entry)) return given.entry;
  const candidates = deps.runs.all.filter((entry) => keptPath(entry));
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(
      'No run has kept its isolated copy. Turn on "shipshape.runs.keepWorktreeOnFailure" to keep the copy of a failed run.',
    );
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((entry) => ({ label: entry.name, description: `${entry.status} · ${entry.startedAt.toLocaleString()}`, detail: keptPath(entry), entry })),
    { title, placeHolder: 'Which run?' },
  );
  return picked?.entry;
}

/** Opens the copy a failed run kept in a new window, to look at what the steps left. */
export async function openKeptWorktreeCommand(deps: KeptWorktreeDeps, node: unknown): Promise<string | undefined> {
  const entry = await runWithKeptWorktree(deps, node, 'Open a Kept Copy');
  const path = keptPath(entry);
  if (!path) return undefined;
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(path), { forceNewWindow: true });
  return path;
}

/** Removes a kept copy (and git's record of it) after asking; the run's record stays. */
export async function deleteKeptWorktreeCommand(deps: KeptWorktreeDeps, node: unknown, confirmed = false): Promise<boolean> {
  const entry = await runWithKeptWorktree(deps, node, 'Delete a Kept Copy');
  const path = keptPath(entry);
  if (!entry || !path) return false;
  if (!confirmed) {
    const choice = await vscode.window.showWarningMessage(
      `Delete the isolated copy of "${entry.name}"?`,
      { modal: true, detail: `${path}\n\nAnything changed in that copy is lost. Your own working tree is not touched.` },
      'Delete Copy',
    );
    if (choice !== 'Delete Copy') return false;
  }
  return deleteKeptWorktree(deps, entry);
}

/** Removes the copy without asking (the run itself is being deleted, or the user confirmed). */
export async function deleteKeptWorktree(deps: KeptWorktreeDeps, entry: RunEntry): Promise<boolean> {
  const path = keptPath(entry);
  if (!path) return false;
  try {
    const outcome = await removeKeptWorktree(path, editorGitOptions());
    if (outcome === 'not-a-worktree') {
      void vscode.window.showWarningMessage(`${path} is not a worktree Shipshape made, so it was left alone.`);
      return false;
    }
    deps.logger.info(`Kept copy of run ${entry.id} ${outcome === 'removed' ? 'removed' : 'was already gone'}: ${path}`);
    deps.runs.forgetKeptWorktree(entry.id);
    return true;
  } catch (error) {
    deps.logger.error(`Could not remove the kept copy ${path}: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage(`Could not remove the kept copy at ${path}: ${describeError(error)}`);
    return false;
  }
}
