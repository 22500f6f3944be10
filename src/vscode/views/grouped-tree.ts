import * as vscode from 'vscode';
import { tooltipHead, wholeTooltip } from './tooltip-head';

/** What a view groups its nodes by: a workspace folder, or a repository several folders share. */
export interface TreeGroup {
  /** Its path (the tooltip, unless one is given). */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
}

/** The node of one group, shown above its nodes when there are several groups. */
export class FolderNode<G extends TreeGroup> {
  constructor(readonly group: G) {}
}

/**
 * The plumbing the Shipshape views share: the change event, refresh (now, or
 * batched), getParent, dispose, and grouping by folder. With one group (one
 * folder, or one repository) its nodes are the roots, so a single-folder
 * workspace looks as it always did; with several, each non-empty group is a
 * folder node. Subclasses say only what their groups and nodes are.
 */
export abstract class GroupedTreeProvider<G extends TreeGroup, N extends object> implements vscode.TreeDataProvider<N | FolderNode<G>>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new WeakMap<object, N | FolderNode<G>>();
  private readonly subscriptions: vscode.Disposable[];
  private redraw: NodeJS.Timeout | undefined;

  /** Redraws at once on each of `changes`; on each of `batched`, at most every `batchMs`. */
  protected constructor(
    changes: readonly vscode.Event<unknown>[],
    batched: readonly vscode.Event<unknown>[] = [],
    private readonly batchMs = 200,
  ) {
    this.subscriptions = [
      ...changes.map((event) => event(() => this.refresh())),
      ...batched.map((event) => event(() => this.refreshSoon())),
      // Folders added or removed change the grouping.
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    ];
  }

  /** The groups, in the workspace's order (empty ones included: they decide whether to group). */
  protected abstract groups(): readonly G[];
  /** A group's top nodes; none leaves its folder node out. */
  protected abstract rootsOf(group: G): N[];
  protected abstract childrenOf(node: N): N[];
  protected abstract itemOf(node: N): vscode.TreeItem;

  refresh(): void {
    this.changed.fire();
  }

  /** Redraws soon: many changes in a burst (results file by file, live run updates) cost one redraw. */
  refreshSoon(): void {
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.changed.fire();
    }, this.batchMs);
  }

  getChildren(node?: N | FolderNode<G>): (N | FolderNode<G>)[] {
    const children = node === undefined ? this.roots() : node instanceof FolderNode ? this.rootsOf(node.group) : this.childrenOf(node);
    if (node) for (const child of children) this.parents.set(child, node);
    return children;
  }

  private roots(): (N | FolderNode<G>)[] {
    const groups = this.groups();
    if (groups.length <= 1) return groups[0] ? this.rootsOf(groups[0]) : [];
    return groups.filter((group) => this.rootsOf(group).length > 0).map((group) => new FolderNode(group));
  }

  getTreeItem(node: N | FolderNode<G>): vscode.TreeItem {
    return withWholeText(node instanceof FolderNode ? folderItem(node.group) : this.itemOf(node));
  }

  /** The node a child was listed under (undefined for roots): lets views reveal a node. */
  getParent(node: N | FolderNode<G>): N | FolderNode<G> | undefined {
    return this.parents.get(node);
  }

  dispose(): void {
    clearTimeout(this.redraw);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** The hover starts with the row's whole text, which a narrow sidebar may cut (tooltip-head.ts). */
function withWholeText(item: vscode.TreeItem): vscode.TreeItem {
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const description = typeof item.description === 'string' ? item.description : undefined;
  const body = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
  const head = label ? tooltipHead(label, description, body) : undefined;
  if (head === undefined) return item;
  if (item.tooltip instanceof vscode.MarkdownString) {
    const tooltip = new vscode.MarkdownString().appendText(head).appendMarkdown('\n\n').appendMarkdown(item.tooltip.value);
    tooltip.isTrusted = item.tooltip.isTrusted ?? false;
    tooltip.supportThemeIcons = item.tooltip.supportThemeIcons ?? false;
    item.tooltip = tooltip;
  } else item.tooltip = wholeTooltip(label, description, body) ?? head;
  return item;
}

function folderItem(group: TreeGroup): vscode.TreeItem {
  const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
  item.description = group.description;
  item.tooltip = group.tooltip ?? group.id;
  item.iconPath = new vscode.ThemeIcon('root-folder');
  item.contextValue = 'folder';
  return item;
}
