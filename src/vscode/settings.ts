import * as vscode from 'vscode';
import { Settings } from './constants';

/**
 * Every setting Shipshape reads, typed, with its default: the one place that
 * calls getConfiguration. Settings about one repository take its folder (a
 * multi-root workspace can set them per folder); the rest are per window.
 */
const read = <T>(key: string, fallback: T, scope?: vscode.Uri): T => vscode.workspace.getConfiguration(undefined, scope).get<T>(key, fallback);

/** The git executable; undefined means `git` on PATH. */
export const gitPath = (): string | undefined => read<string>(Settings.gitPath, '') || undefined;

/** Copy uncommitted changes into a run's isolated copy (per folder). */
export const includeUncommittedChanges = (folder?: vscode.Uri): boolean => read<boolean>(Settings.runsIncludeUncommitted, true, folder);

/** Keep a failed run's isolated copy (per folder). */
export const keepWorktreeOnFailure = (folder?: vscode.Uri): boolean => read<boolean>(Settings.runsKeepWorktree, false, folder);
export const allowPushFromRuns = (folder?: vscode.Uri): boolean => read<boolean>(Settings.runsAllowPush, false, folder);

/** Jobs and legs at once; undefined means one per CPU core. */
export const runsMaxParallel = (): number | undefined => {
  const value = read<number>(Settings.runsMaxParallel, 0);
  return value > 0 ? value : undefined;
};

/** How many runs are kept on disk (at least one). */
export const runsRetain = (): number => Math.max(1, read<number>(Settings.runsRetain, 20));

export const openPanelOnStart = (): boolean => read<boolean>(Settings.runsOpenPanelOnStart, true);

/** Show "Run Workflow Locally" / "Plan" above workflows and their jobs (per folder). */
export const runsCodeLens = (folder?: vscode.Uri): boolean => read<boolean>(Settings.runsCodeLens, true, folder);

/** Rule id -> level for the editor, over `.github/shipshape.yaml` (per folder; core checks the values). */
export const pipelinesRuleSeverity = (folder?: vscode.Uri): Readonly<Record<string, unknown>> =>
  read<Record<string, unknown>>(Settings.pipelinesRuleSeverity, {}, folder);

/** What Shipshape: Push with Preflight does before pushing (per folder): `off` pushes, `warn` asks on findings, `block` refuses a blocking verdict. */
export const preflightBeforePush = (folder?: vscode.Uri): 'off' | 'warn' | 'block' => {
  const value = read<string>(Settings.preflightBeforePush, 'warn', folder);
  return value === 'off' || value === 'block' ? value : 'warn';
};
