import * as vscode from 'vscode';
import { resolveCommit, showCommits } from '../../core/recovery/commit-actions';
import { commitDocumentPath, commitDocumentQuery, commitIdLinks, parseCommitDocumentQuery } from '../../core/recovery/commit-document';
import { describeError } from '../../core/errors';
import type { RecoveryWorkspace } from './recovery-workspace';

/** Commits shown by Shipshape: read-only documents (never an unsaved buffer), served from git on demand. */
export const COMMIT_SCHEME = 'shipshape';

/** The document showing these commits of this repository. */
export function commitDocumentUri(root: string, shas: readonly string[]): vscode.Uri {
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: commitDocumentPath(shas), query: commitDocumentQuery(root, shas) });
}

/** Opens the read-only `git show` of these commits in a preview editor. */
export async function openCommits(root: string, shas: readonly string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(commitDocumentUri(root, shas));
  return vscode.window.showTextDocument(document, { preview: true });
}

/**
 * Serves `shipshape:` documents (the `git show` of commits in a repository of
 * the workspace only) and links each commit id in them to its own document.
 */
export function registerCommitDocuments(workspace: RecoveryWorkspace): vscode.Disposable[] {
  const target = (uri: vscode.Uri) => {
    const parsed = parseCommitDocumentQuery(uri.query);
    const model = parsed && workspace.forRoot(parsed.root);
    return parsed && model ? { ...parsed, model } : undefined;
  };
  const content: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const found = target(uri);
      if (!found) return 'Shipshape shows commits of the repositories in this workspace only.';
      try {
        const shas = await Promise.all(found.shas.map((sha) => resolveCommit(found.root, sha, found.model.options)));
        const known = shas.filter((sha): sha is string => sha !== undefined);
        return known.length ? await showCommits(found.root, known, found.model.options) : `No commit ${found.shas.join(', ')} in ${found.root}.`;
      } catch (error) {
        return `Shipshape could not show these commits: ${describeError(error)}`;
      }
    },
  };
  const links: vscode.DocumentLinkProvider = {
    provideDocumentLinks(document) {
      const found = target(document.uri);
      if (!found) return [];
      const text = document.getText();
      return commitIdLinks(text).map((link) => {
        const range = new vscode.Range(document.positionAt(link.offset), document.positionAt(link.offset + link.length));
        const item = new vscode.DocumentLink(range, commitDocumentUri(found.root, [link.sha]));
        item.tooltip = 'Show this commit';
        return item;
      });
    },
  };
  return [
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, content),
    vscode.languages.registerDocumentLinkProvider({ scheme: COMMIT_SCHEME }, links),
  ];
}
