import * as vscode from 'vscode';
import { join } from 'node:path';
import { openCommits } from '../recovery/commit-documents';
import type { PreflightNode } from '../views/preflight-tree';

/** What a Preflight row does: open the file at the line, review the recovery fix for a risky commit (`openFix`), or show the commit. */
export async function openPreflightRow(node: PreflightNode | undefined, openFix: (root: string, fixId: string) => void): Promise<void> {
  const action = node?.kind === 'row' ? node.row.action : undefined;
  if (!node || !action) return;
  if (action.kind === 'fix') return openFix(node.root, action.fixId);
  if (action.kind === 'commit') {
    await openCommits(node.root, [action.sha]);
    return;
  }
  const position = new vscode.Position(Math.max(0, (action.line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(vscode.Uri.file(join(node.root, action.file)), { selection: new vscode.Range(position, position), preview: true });
}
