import * as vscode from 'vscode';
import type { FixPlan, Situation, SituationKind } from '../../core/recovery/model';
import type { SnapshotInfo } from '../../core/recovery/safety';
import { InternalCommands } from '../constants';
import type { RecoveryModel } from '../recovery/recovery-model';

type Node =
  | { readonly kind: 'group'; readonly group: 'detected' | 'snapshots' }
  | { readonly kind: 'situation'; readonly situation: Situation }
  | { readonly kind: 'fix'; readonly fix: FixPlan }
  | { readonly kind: 'snapshot'; readonly snapshot: SnapshotInfo };

const KIND_ICONS: Readonly<Record<SituationKind, string>> = {
  'in-progress': 'sync',
  'wrong-branch': 'git-branch',
  amend: 'edit',
  'lost-commits': 'git-commit',
  'lost-staged': 'file',
  'deleted-branch': 'git-branch',
  'dropped-stash': 'archive',
  rebase: 'git-pull-request',
  merge: 'git-merge',
  'detached-commits': 'debug-disconnect',
  'risky-commit': 'shield',
};

/**
 * Detected situations (with their fixes) and the safety snapshots taken before
 * fixes. Reads the model's state only; empty (so the welcome content shows)
 * while there is nothing to show.
 */
export class RecoveryTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: RecoveryModel) {
    this.subscription = model.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: Node): Node[] {
    const state = this.model.state;
    if (state.status !== 'ready') return [];
    if (!node) {
      const groups: Node[] = [];
      if (state.situations.length) groups.push({ kind: 'group', group: 'detected' });
      if (state.snapshots.length) groups.push({ kind: 'group', group: 'snapshots' });
      return groups;
    }
    if (node.kind === 'group') {
      return node.group === 'detected'
        ? state.situations.map((situation) => ({ kind: 'situation', situation }))
        : [...state.snapshots].reverse().map((snapshot) => ({ kind: 'snapshot', snapshot }));
    }
    if (node.kind === 'situation') return node.situation.fixes.map((fix) => ({ kind: 'fix', fix }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const state = this.model.state;
    switch (node.kind) {
      case 'group': {
        const count = state.status === 'ready' ? (node.group === 'detected' ? state.situations.length : state.snapshots.length) : 0;
        const item = new vscode.TreeItem(node.group === 'detected' ? 'Detected' : 'Safety Snapshots', vscode.TreeItemCollapsibleState.Expanded);
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(node.group === 'detected' ? 'search' : 'shield');
        item.contextValue = `group.${node.group}`;
        return item;
      }
      case 'situation': {
        const item = new vscode.TreeItem(node.situation.title, node.situation.fixes.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.tooltip = new vscode.MarkdownString().appendText(node.situation.explanation);
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.situation.kind], new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = 'situation';
        return item;
      }
      case 'fix': {
        const item = new vscode.TreeItem(node.fix.title, vscode.TreeItemCollapsibleState.None);
        item.description = node.fix.refusal ? 'not now' : 'review and apply';
        item.tooltip = node.fix.refusal ?? node.fix.effect;
        item.iconPath = new vscode.ThemeIcon(node.fix.refusal ? 'circle-slash' : 'wrench');
        item.command = { command: InternalCommands.openFix, title: 'Review Fix', arguments: [node.fix.id] };
        item.contextValue = 'fix';
        return item;
      }
      case 'snapshot': {
        const entry = node.snapshot.journalEntry;
        const item = new vscode.TreeItem(entry?.title ?? `Snapshot ${node.snapshot.id}`, vscode.TreeItemCollapsibleState.None);
        item.description = `${entry?.status === 'applied' ? 'applied' : entry?.status === 'undone' ? 'undone' : 'kept'} · ${new Date(node.snapshot.time).toLocaleString()}`;
        item.tooltip = `Safety snapshot ${node.snapshot.id}, taken before this ${entry?.kind === 'undo' ? 'undo' : 'fix'}.`;
        item.iconPath = new vscode.ThemeIcon(entry?.status === 'applied' ? 'history' : 'archive');
        item.contextValue = entry?.status === 'applied' ? 'snapshot.applied' : 'snapshot';
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
