import * as vscode from 'vscode';

/**
 * The Git Recovery view. It lists recoverable things once the recovery
 * engine lands (detected situations, lost commits, dropped stashes…);
 * until then it stays empty and shows its welcome content.
 */
export class RecoveryTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  getChildren(): vscode.TreeItem[] {
    return [];
  }

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }
}
