import * as vscode from 'vscode';
import { discardLocalChanges, moveLastCommitsToNewBranch, restoreDeletedFile, rewordLastCommit, startOver, undoCommit } from '../../core/recovery/intents';
import type { FixPlan, Situation } from '../../core/recovery/model';
import { listRecentCommits } from '../../core/recovery/recent-commits';
import type { IntentKind } from '../../protocol/wizard';
import type { RecoveryModel } from './recovery-model';

/**
 * The "something else" questions, asked with quick picks and input boxes
 * (keyboard-first), turned into plans the wizard shows like any situation.
 * Undefined when the user backs out.
 */
export async function askIntent(kind: IntentKind, model: RecoveryModel): Promise<Situation | undefined> {
  const dir = model.folder;
  const options = model.options;
  switch (kind) {
    case 'undo-commit': {
      const commits = await listRecentCommits(dir, 30, options);
      const picked = await vscode.window.showQuickPick(
        commits.map((commit) => ({
          label: commit.subject || '(no message)',
          description: commit.sha.slice(0, 7),
          detail: new Date(commit.time * 1000).toLocaleString(),
          sha: commit.sha,
        })),
        { title: 'Undo a Commit', placeHolder: 'Which commit should be undone?' },
      );
      if (!picked) return undefined;
      return offer(
        model,
        `Undo "${picked.label}"`,
        'Undo a commit: a pushed commit is reverted (a new commit that takes its changes out); an unpushed one can be removed.',
        await undoCommit(dir, picked.sha, options),
      );
    }
    case 'restore-file': {
      const state = model.state;
      const files = state.status === 'ready' ? state.deletedFiles : [];
      const picked = files.length
        ? await vscode.window.showQuickPick(
            files.map((file) => ({ label: file.path, description: file.subject, detail: `deleted in ${file.commit.slice(0, 7)}`, path: file.path })),
            { title: 'Restore a Deleted File', placeHolder: 'Which file?' },
          )
        : await vscode.window
            .showInputBox({ title: 'Restore a Deleted File', prompt: 'The path of the deleted file, from the repository root' })
            .then((path) => (path ? { path, label: path } : undefined));
      if (!picked) return undefined;
      return offer(model, `Restore ${picked.path}`, 'The file comes back as it was just before the commit that deleted it.', [
        await restoreDeletedFile(dir, picked.path, options),
      ]);
    }
    case 'reword': {
      const message = await vscode.window.showInputBox({
        title: 'Change the Last Commit Message',
        prompt: 'The new message',
        validateInput: (text) => (text.trim() ? undefined : 'The message cannot be empty.'),
      });
      if (!message) return undefined;
      return offer(model, 'Change the last commit message', 'The last commit gets the new message; its changes stay the same.', [
        await rewordLastCommit(dir, message, options),
      ]);
    }
    case 'move-to-branch': {
      const name = await vscode.window.showInputBox({
        title: 'Move the Last Commits to a New Branch',
        prompt: 'The new branch name',
        validateInput: (text) => (/^[^\s~^:?*[\\]+$/.test(text) ? undefined : 'A branch name cannot contain spaces or ~ ^ : ? * [ \\.'),
      });
      if (!name) return undefined;
      return offer(
        model,
        `Move commits to ${name}`,
        'The commits not on the upstream yet move to a new branch; the current branch goes back to the upstream.',
        [await moveLastCommitsToNewBranch(dir, name, undefined, options)],
      );
    }
    case 'discard':
      return offer(
        model,
        'Discard local changes safely',
        'Staged and unstaged changes to tracked files are thrown away; the safety snapshot keeps them, so Undo brings them back.',
        [await discardLocalChanges(dir, options)],
      );
    case 'start-over':
      return offer(
        model,
        'Start over from the remote',
        'The branch goes back to its upstream; your local commits stay on a backup branch and your changes in the safety snapshot.',
        [await startOver(dir, options)],
      );
  }
}

function offer(model: RecoveryModel, title: string, explanation: string, fixes: readonly FixPlan[]): Situation {
  return model.offerIntent(title, explanation, fixes);
}
