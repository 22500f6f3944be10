import * as vscode from 'vscode';
import type { DeletedFile } from '../../core/recovery/intents';
import type { FixPlan, Situation, SituationKind } from '../../core/recovery/model';
import type { RecentAction } from '../../core/recovery/recent-actions';
import type { SnapshotInfo } from '../../core/recovery/safety';
import { InternalCommands } from '../constants';
import { commandFor } from '../command-map';
import type { RecoveryModel } from '../recovery/recovery-model';
import type { RecoveryWorkspace } from '../recovery/recovery-workspace';
import { FolderNode, GroupedTreeProvider, type TreeGroup } from './grouped-tree';
import { timeAgo } from '../../core/recovery/detectors/words';

type GroupId = 'detected' | 'lost-commits' | 'deleted-branches' | 'dropped-stashes' | 'lost-staged' | 'recent' | 'deleted-files' | 'snapshots';

/** Every node knows its repository's model, so a command on it acts on the right repository. */
export type RecoveryNode = { readonly model: RecoveryModel } & (
  | { readonly kind: 'group'; readonly group: GroupId }
  | { readonly kind: 'situation'; readonly situation: Situation }
  | { readonly kind: 'fix'; readonly fix: FixPlan }
  | { readonly kind: 'action'; readonly action: RecentAction }
  | { readonly kind: 'deleted'; readonly file: DeletedFile }
  | { readonly kind: 'snapshot'; readonly snapshot: SnapshotInfo }
);

type Node = RecoveryNode;

export interface RepositoryGroup extends TreeGroup {
  readonly model: RecoveryModel;
}

/** What a command invoked on the view gets: a node, or a repository's folder node. */
export type RecoveryTreeNode = RecoveryNode | FolderNode<RepositoryGroup>;

/** The repository a node of the view belongs to. */
export function modelOfNode(node: RecoveryTreeNode | undefined): RecoveryModel | undefined {
  return node instanceof FolderNode ? node.group.model : node?.model;
}

const GROUPS: readonly { readonly id: GroupId; readonly label: string; readonly icon: string; readonly kinds?: readonly SituationKind[] }[] = [
  { id: 'detected', label: 'Detected', icon: 'search' },
  { id: 'lost-commits', label: 'Lost Commits', icon: 'git-commit', kinds: ['lost-commits', 'detached-commits'] },
  { id: 'deleted-branches', label: 'Deleted Branches', icon: 'git-branch', kinds: ['deleted-branch'] },
  { id: 'dropped-stashes', label: 'Dropped Stashes', icon: 'archive', kinds: ['dropped-stash'] },
  { id: 'lost-staged', label: 'Lost Staged Files', icon: 'file', kinds: ['lost-staged'] },
  { id: 'recent', label: 'Recent Actions', icon: 'history' },
  { id: 'deleted-files', label: 'Deleted Files', icon: 'trash' },
  { id: 'snapshots', label: 'Safety Snapshots', icon: 'shield' },
];

const COMMIT_KINDS: ReadonlySet<SituationKind> = new Set(['lost-commits', 'deleted-branch', 'detached-commits', 'rebase', 'amend']);

/** The commits a situation is about (shown, or cherry-picked onto the current branch). */
export function lostCommitsOf(situation: Situation): string[] {
  if (!COMMIT_KINDS.has(situation.kind)) return [];
  return situation.evidence.filter((item) => item.kind === 'commit' && item.sha && /^[0-9a-f]{40}$/.test(item.sha)).map((item) => item.sha as string);
}

/** Situations that have a group of their own; the rest are under Detected. */
const GROUPED = new Set(GROUPS.flatMap((group) => group.kinds ?? []));

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
  'cherry-pick': 'git-commit',
  revert: 'discard',
  'detached-commits': 'debug-disconnect',
  'risky-commit': 'shield',
};

/**
 * Everything recoverable, grouped: what was detected, lost commits, deleted
 * branches, dropped stashes and lost staged files (after a deep scan), recent
 * actions in plain words, deleted files, and the safety snapshots; under each
 * repository's folder when the workspace has several. Reads the models' state
 * only; empty groups are left out, so an empty view shows its welcome content.
 */
export class RecoveryTreeProvider extends GroupedTreeProvider<RepositoryGroup, Node> {
  constructor(private readonly workspace: RecoveryWorkspace) {
    // Repositories refresh one after another: one redraw for the burst (the workbench trips on trees redrawn mid-render).
    super([], [workspace.onDidChange], 50);
  }

  protected groups(): RepositoryGroup[] {
    return this.workspace.all.map((model) => {
      const state = model.state;
      return { id: model.root ?? '', label: model.label, description: state.status === 'ready' ? state.summary.branch : undefined, tooltip: model.root, model };
    });
  }

  protected rootsOf({ model }: RepositoryGroup): Node[] {
    if (model.state.status !== 'ready') return [];
    const groups = GROUPS.filter((group) => members(model, group.id).length > 0);
    // Only history (recent actions, deleted files) and nothing to act on: let the welcome content speak.
    if (groups.every((group) => group.id === 'recent' || group.id === 'deleted-files')) return [];
    return groups.map((group) => ({ kind: 'group', group: group.id, model }));
  }

  protected childrenOf(node: Node): Node[] {
    if (node.kind === 'group') return members(node.model, node.group);
    if (node.kind === 'situation') return node.situation.fixes.map((fix) => ({ kind: 'fix', fix, model: node.model }));
    return [];
  }

  protected itemOf(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const spec = GROUPS.find((group) => group.id === node.group);
        const collapsed = node.group === 'recent' || node.group === 'deleted-files';
        const item = new vscode.TreeItem(
          spec?.label ?? node.group,
          collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
        );
        item.description = String(members(node.model, node.group).length);
        item.iconPath = new vscode.ThemeIcon(spec?.icon ?? 'circle-outline');
        item.contextValue = `group.${node.group}`;
        return item;
      }
      case 'situation': {
        const item = new vscode.TreeItem(
          node.situation.title,
          node.situation.fixes.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
        );
        item.tooltip = new vscode.MarkdownString().appendText(node.situation.explanation);
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.situation.kind], new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = lostCommitsOf(node.situation).length ? 'situation.commits' : 'situation';
        return item;
      }
      case 'fix': {
        const item = new vscode.TreeItem(node.fix.title, vscode.TreeItemCollapsibleState.None);
        item.description = node.fix.refusal ? 'not now' : 'review and apply';
        item.tooltip = markdown(node.fix.refusal ?? node.fix.effect);
        item.iconPath = new vscode.ThemeIcon(node.fix.refusal ? 'circle-slash' : 'wrench');
        item.command = commandFor(InternalCommands.openFix, 'Review Fix', node.fix.id, node.model.root);
        item.contextValue = 'fix';
        return item;
      }
      case 'action': {
        const { action } = node;
        const item = new vscode.TreeItem(action.text, vscode.TreeItemCollapsibleState.None);
        item.description = action.when;
        // A history line, not an undo button: a neutral icon, and a click shows what the action did.
        item.iconPath = new vscode.ThemeIcon(ACTION_ICONS[action.kind] ?? 'git-commit');
        const tooltip = markdown(action.text)
          .appendMarkdown('\n\n')
          .appendText(`Happened ${when(action.time * 1000)}. HEAD moved to ${action.sha.slice(0, 7)}`);
        if (action.restoreSha) tooltip.appendText(` from ${action.restoreSha.slice(0, 7)}`);
        tooltip.appendText('. Click to review the mistake it made, or to show the commit.');
        item.tooltip = tooltip;
        item.command = commandFor(InternalCommands.openAction, 'Show What Happened', node);
        item.contextValue = 'recentAction';
        return item;
      }
      case 'deleted': {
        const item = new vscode.TreeItem(node.file.path, vscode.TreeItemCollapsibleState.None);
        item.description = `deleted in "${node.file.subject}"`;
        item.tooltip = markdown(`Deleted by ${node.file.commit.slice(0, 7)} ${when(node.file.time * 1000)}. Click to restore it.`);
        item.iconPath = new vscode.ThemeIcon('file');
        item.command = commandFor(InternalCommands.restoreFile, 'Restore File', node.file.path, node.model.root);
        item.contextValue = 'deletedFile';
        return item;
      }
      case 'snapshot': {
        const entry = node.snapshot.journalEntry;
        const undo = entry?.kind === 'undo';
        const item = new vscode.TreeItem(entry?.title ?? `Snapshot ${node.snapshot.id}`, vscode.TreeItemCollapsibleState.None);
        // A fix's snapshot and its undo's share a title: an id of their own keeps the workbench from mixing them up.
        item.id = `snapshot:${node.model.root ?? ''}:${node.snapshot.id}`;
        const status = undo ? 'before an undo' : entry?.status === 'applied' ? 'applied' : entry?.status === 'undone' ? 'undone' : 'kept';
        item.description = `${status} · ${timeAgo(Math.floor(node.snapshot.time / 1000), Math.floor(Date.now() / 1000))}`;
        item.tooltip = markdown(`Safety snapshot ${node.snapshot.id}, taken ${when(node.snapshot.time)}, before this ${undo ? 'undo' : 'fix'}.`);
        item.iconPath = new vscode.ThemeIcon(entry?.status === 'applied' && !undo ? 'history' : 'archive');
        // Only a fix is undone from here: undoing an undo's snapshot would redo the fix behind the person's back.
        item.contextValue = entry?.status === 'applied' && !undo ? 'snapshot.applied' : undo ? 'snapshot.undo' : 'snapshot';
        return item;
      }
    }
  }
}

/** Tooltips as Markdown built from text: the hover wraps at word boundaries, and repository text stays text. */
function markdown(text: string): vscode.MarkdownString {
  return new vscode.MarkdownString().appendText(text);
}

/** "3 minutes ago (12 Mar 2026, 14:05)": relative like the rest of the view, the exact time in the reader's locale beside it. */
function when(ms: number): string {
  const exact = new Date(ms).toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
  return `${timeAgo(Math.floor(ms / 1000), Math.floor(Date.now() / 1000))} (${exact})`;
}

const ACTION_ICONS: Partial<Record<RecentAction['kind'], string>> = {
  commit: 'git-commit',
  amend: 'edit',
  merge: 'git-merge',
  rebase: 'git-pull-request',
  reset: 'arrow-left',
  switch: 'arrow-swap',
  'cherry-pick': 'git-commit',
  revert: 'git-commit',
  pull: 'repo-pull',
  clone: 'repo-clone',
};

function members(model: RecoveryModel, group: GroupId): Node[] {
  const state = model.state;
  if (state.status !== 'ready') return [];
  const spec = GROUPS.find((candidate) => candidate.id === group);
  switch (group) {
    case 'detected':
      return state.situations.filter((situation) => !GROUPED.has(situation.kind)).map((situation) => ({ kind: 'situation', situation, model }));
    case 'recent':
      return state.recentActions.map((action) => ({ kind: 'action', action, model }));
    case 'deleted-files':
      return state.deletedFiles.map((file) => ({ kind: 'deleted', file, model }));
    case 'snapshots':
      return [...state.snapshots].reverse().map((snapshot) => ({ kind: 'snapshot', snapshot, model }));
    default:
      return state.situations.filter((situation) => spec?.kinds?.includes(situation.kind)).map((situation) => ({ kind: 'situation', situation, model }));
  }
}
