import * as vscode from 'vscode';
import { ShipshapeError } from '../../core/errors';
import * as settings from '../settings';
import { Views } from '../constants';
import { preflightStatusLook } from '../views/preflight-item-model';
import type { PreflightModel } from './preflight-model';

/** The little of the built-in Git extension's API used here (vscode.git, API version 1). */
interface GitApi {
  getRepository(uri: vscode.Uri): { push(): Promise<void> } | null;
}

export type PushOutcome = 'pushed' | 'refused' | 'cancelled';

/**
 * Shipshape: Push with Preflight. VS Code gives extensions no hook before its own Push and Sync (the
 * Git extension's API can push, and handle a push's error afterwards, but not stop one), so this is a
 * push of its own: check first, as `shipshape.preflight.beforePush` says, then push through the Git
 * extension. Guarding every push, from any tool, is the pre-push hook's job (`shipshape hook install`).
 */
export async function pushWithPreflight(model: PreflightModel): Promise<PushOutcome> {
  const repository = model.repository();
  const root = repository?.root;
  if (!root) throw new ShipshapeError('not-a-repository', 'Open a folder that is a Git repository to push it.');
  const mode = settings.preflightBeforePush(vscode.Uri.file(root));
  if (mode !== 'off') {
    const state = await model.refresh();
    const look = preflightStatusLook(state);
    const summary = look.text.replace(/\$\([^)]*\)\s*/g, '');
    if (state.status === 'ready' && state.report.verdict === 'block' && mode === 'block') {
      void vscode.window.showErrorMessage(`Not pushed: ${summary}. Fix what the Preflight view lists, then push again.`, 'Show Preflight').then((choice) => {
        if (choice) void vscode.commands.executeCommand(`${Views.preflight}.focus`);
      });
      return 'refused';
    }
    // A check that failed never blocks the push: it says so and asks.
    const doubt =
      state.status === 'error'
        ? `Preflight could not check the push: ${state.message}`
        : state.status === 'ready' && state.report.verdict !== 'pass'
          ? summary
          : undefined;
    if (doubt) {
      const choice = await vscode.window.showWarningMessage(doubt, { modal: true, detail: look.tooltip }, 'Push Anyway');
      if (choice !== 'Push Anyway') return 'cancelled';
    }
  }
  const api = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  const git = api ? (api.isActive ? api.exports : await api.activate()).getAPI(1) : undefined;
  const target = git?.getRepository(vscode.Uri.file(root));
  if (!target)
    throw new ShipshapeError(
      'git-missing',
      "VS Code's Git extension does not know this repository, so Shipshape cannot push it.",
      'Push from a terminal; "shipshape hook install" checks every push there.',
    );
  await target.push();
  await model.refresh();
  return 'pushed';
}
