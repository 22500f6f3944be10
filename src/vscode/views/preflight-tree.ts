import * as vscode from 'vscode';
import { Commands } from '../constants';
import { commandFor } from '../command-map';
import type { PreflightModel } from '../preflight/preflight-model';
import { GroupedTreeProvider, type TreeGroup } from './grouped-tree';
import { preflightEmptyReason, preflightGroups, type PreflightGroup, type PreflightRow } from './preflight-item-model';

export type PreflightNode =
  | { readonly kind: 'group'; readonly root: string; readonly group: PreflightGroup }
  | { readonly kind: 'row'; readonly root: string; readonly row: PreflightRow };

const COLORS = { error: 'problemsErrorIcon.foreground', warning: 'problemsWarningIcon.foreground' } as const;

/**
 * The Preflight view: what a push of the current repository would send, grouped (commits, risky
 * content, pipeline errors, what CI will run, branch state); empty when there is nothing to push or
 * no repository, so its welcome content (chosen by the `shipshape.preflight.empty` context key) shows.
 */
export class PreflightTreeProvider extends GroupedTreeProvider<TreeGroup, PreflightNode> {
  private readonly emptyReason: vscode.Disposable;

  constructor(private readonly model: PreflightModel) {
    super([model.onDidChange]);
    this.emptyReason = model.onDidChange(
      (state) => void vscode.commands.executeCommand('setContext', 'shipshape.preflight.empty', preflightEmptyReason(state) ?? ''),
    );
  }

  override dispose(): void {
    this.emptyReason.dispose();
    super.dispose();
  }

  protected groups(): TreeGroup[] {
    const state = this.model.state;
    return state.status === 'ready' ? [{ id: state.root, label: state.root }] : [];
  }

  protected rootsOf(group: TreeGroup): PreflightNode[] {
    return preflightGroups(this.model.state).map((found) => ({ kind: 'group', root: group.id, group: found }));
  }

  protected childrenOf(node: PreflightNode): PreflightNode[] {
    const rows = node.kind === 'group' ? node.group.rows : (node.row.children ?? []);
    return rows.map((row) => ({ kind: 'row', root: node.root, row }));
  }

  protected itemOf(node: PreflightNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `preflight:${node.group.id}`;
      item.description = node.group.description;
      item.contextValue = `preflightGroup.${node.group.id}`;
      return item;
    }
    const { row } = node;
    const item = new vscode.TreeItem(row.label, row.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `preflight:${row.id}`;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon, row.color ? new vscode.ThemeColor(COLORS[row.color]) : undefined);
    item.contextValue = row.action ? `preflightRow.${row.action.kind}` : 'preflightRow';
    if (row.action) item.command = commandFor(Commands.openPreflightRow, 'Open', node);
    return item;
  }
}
