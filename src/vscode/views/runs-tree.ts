import * as vscode from 'vscode';
import { planProblems, type PlanProblem } from '../../core/runs/plan';
import { shownStatus, type ShownStatus } from '../../core/runs/run-types';
import { problemLocation } from '../runs/run-panel-files';
import { InternalCommands } from '../constants';
import type { LiveJob, LiveStep, LocalRunsModel, RunEntry } from '../runs/local-runs-model';
import { groupByFolder } from '../../core/workspace/folder-groups';
import { fileFolders } from '../workspace';
import { FolderNode, GroupedTreeProvider, type TreeGroup } from './grouped-tree';
import { commandFor } from '../command-map';

export type RunsNode =
  | { readonly kind: 'run'; readonly entry: RunEntry }
  | { readonly kind: 'job'; readonly entry: RunEntry; readonly job: LiveJob }
  | { readonly kind: 'step'; readonly entry: RunEntry; readonly job: LiveJob; readonly step: LiveStep }
  | { readonly kind: 'note'; readonly text: string; readonly icon: string }
  /** One reason a run or plan cannot start; clicking opens the workflow at it. */
  | { readonly kind: 'problem'; readonly entry: RunEntry; readonly problem: PlanProblem; readonly index: number }
  | { readonly kind: 'worktree'; readonly entry: RunEntry; readonly path: string };

const ICONS: Readonly<Record<ShownStatus, [string, string | undefined]>> = {
  queued: ['circle-large-outline', undefined],
  running: ['sync~spin', 'charts.yellow'],
  success: ['pass', 'testing.iconPassed'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  failure: ['error', 'testing.iconFailed'],
  cancelled: ['stop-circle', 'disabledForeground'],
  skipped: ['circle-slash', 'disabledForeground'],
};

const icon = (status: ShownStatus): vscode.ThemeIcon => {
  const [id, color] = ICONS[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
};

const seconds = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
const shortRef = (ref: string) => ref.replace(/^refs\/(heads|tags)\//, '');

export interface RunsGroup extends TreeGroup {
  readonly entries: readonly RunEntry[];
}

/** What a command invoked on the view gets. */
export type RunsTreeNode = RunsNode | FolderNode<RunsGroup>;

const entryStatus = (entry: RunEntry): ShownStatus =>
  shownStatus(
    entry.status,
    entry.jobs.flatMap((job) => job.warnings ?? []),
  );
const jobStatus = (job: LiveJob): ShownStatus => shownStatus(job.status, job.warnings);
const stepStatus = (step: LiveStep): ShownStatus => shownStatus(step.status, step.warning ? [step.warning] : []);

/** Where a run was started: its workflow (absolute when the editor started it), else the repository its record names. */
const pathOfEntry = (entry: RunEntry): string | undefined => entry.request?.workflow ?? entry.record?.repositoryRoot;

/**
 * Runs and plans (newest first) -> jobs (matrix legs named) -> steps, with status, duration and
 * reasons; under the folder they ran in when the workspace has several.
 */
export class RunsTreeProvider extends GroupedTreeProvider<RunsGroup, RunsNode> {
  constructor(private readonly model: LocalRunsModel) {
    super([model.onDidChange]);
  }

  protected groups(): RunsGroup[] {
    const folders = fileFolders();
    const entries = this.model.all;
    if (folders.length <= 1) return [{ id: folders[0]?.path ?? '', label: folders[0]?.name ?? '', entries }];
    const groups: RunsGroup[] = groupByFolder(entries, folders, pathOfEntry).map(({ folder, items }) => ({
      id: folder.path,
      label: folder.name,
      entries: items,
    }));
    // Runs recorded before records named their repository, or from a folder since removed.
    const placed = new Set(groups.flatMap((group) => group.entries));
    const other = entries.filter((entry) => !placed.has(entry));
    return other.length ? [...groups, { id: '', label: 'Other runs', entries: other }] : groups;
  }

  protected rootsOf(group: RunsGroup): RunsNode[] {
    return group.entries.map((entry) => ({ kind: 'run', entry }));
  }

  protected childrenOf(node: RunsNode): RunsNode[] {
    if (node.kind === 'run') {
      const { entry } = node;
      const problems = entry.plan?.problems.length ? planProblems(entry.plan) : [];
      const notes: RunsNode[] = entry.problem ? [{ kind: 'note', text: entry.problem, icon: problems.length ? 'error' : 'warning' }] : [];
      notes.push(...problems.map((problem, index): RunsNode => ({ kind: 'problem', entry, problem, index })));
      const kept = node.entry.record?.keptWorktree;
      if (kept) notes.push({ kind: 'worktree', entry: node.entry, path: kept });
      return [...notes, ...node.entry.jobs.map((job): RunsNode => ({ kind: 'job', entry: node.entry, job }))];
    }
    if (node.kind === 'job') {
      const notes = node.job.limitations.map((text): RunsNode => ({ kind: 'note', text, icon: 'info' }));
      return [...notes, ...node.job.steps.map((step): RunsNode => ({ kind: 'step', entry: node.entry, job: node.job, step }))];
    }
    return [];
  }

  protected itemOf(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'run': {
        const { entry } = node;
        const expanded = entry.status === 'running' || entry.kind === 'plan' || entry === this.model.all[0];
        const item = new vscode.TreeItem(entry.name, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        const status = entryStatus(entry);
        item.id = `run:${entry.id}:${status}`;
        const when = entry.startedAt.toLocaleTimeString();
        item.description = [entry.kind === 'plan' ? 'plan' : status, `${entry.event} · ${shortRef(entry.ref)}`, seconds(entry.durationMs), when]
          .filter(Boolean)
          .join(' · ');
        item.tooltip = new vscode.MarkdownString(
          `**${entry.kind === 'plan' ? 'Plan' : 'Run'}** of \`${entry.workflow}\` for \`${entry.event}\` on \`${shortRef(entry.ref)}\`${entry.problem ? `\n\n${entry.problem}` : ''}`,
        );
        item.iconPath = entry.kind === 'plan' ? new vscode.ThemeIcon('list-tree') : icon(status);
        item.contextValue = entry.kind === 'plan' ? 'plan' : entry.controller ? 'run.active' : 'run.done';
        return item;
      }
      case 'job': {
        const { job } = node;
        const item = new vscode.TreeItem(
          job.name === job.key || job.key.startsWith(job.name) ? job.key : `${job.name} (${job.key})`,
          node.entry.kind === 'plan' || job.status === 'skipped' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
        );
        item.id = `job:${node.entry.id}:${job.key}`;
        const status = jobStatus(job);
        const reasons = [job.reason, ...(job.warnings ?? [])].filter(Boolean).join('; ');
        item.description = [
          job.status === 'running' || node.entry.kind === 'plan' ? undefined : status,
          seconds(job.status === 'skipped' ? undefined : job.durationMs),
          reasons,
        ]
          .filter(Boolean)
          .join(' · ');
        item.tooltip = reasons || undefined;
        item.iconPath = icon(status);
        item.contextValue = 'job';
        return item;
      }
      case 'step': {
        const { step } = node;
        const item = new vscode.TreeItem(step.name, vscode.TreeItemCollapsibleState.None);
        item.id = `step:${node.entry.id}:${node.job.key}:${step.index}`;
        const reason = step.warning ?? step.reason;
        const showReason = reason && !(node.entry.kind === 'plan' && reason.startsWith('runs when'));
        item.description = [seconds(step.status === 'skipped' ? undefined : step.durationMs), showReason ? reason : undefined].filter(Boolean).join(' · ');
        item.tooltip = reason;
        item.iconPath = icon(stepStatus(step));
        item.contextValue = step.logFile ? 'step.log' : 'step';
        // A run's step shows in the run panel (colours, groups, live); a plan's steps have no log.
        if (node.entry.kind === 'run') item.command = commandFor(InternalCommands.showRunStep, 'Show in Run Panel', node);
        return item;
      }
      case 'worktree': {
        const item = new vscode.TreeItem('Isolated copy kept', vscode.TreeItemCollapsibleState.None);
        item.id = `worktree:${node.entry.id}`;
        item.description = node.path;
        item.tooltip = `The failed run's copy of the repository, as its steps left it:\n${node.path}`;
        item.iconPath = new vscode.ThemeIcon('repo');
        item.contextValue = 'worktree';
        return item;
      }
      case 'problem': {
        const { problem } = node;
        const item = new vscode.TreeItem(problem.message, vscode.TreeItemCollapsibleState.None);
        item.id = `problem:${node.entry.id}:${node.index}`;
        const place = problem.file ? [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':') : undefined;
        item.description = [place, problem.rule].filter(Boolean).join(' · ');
        item.tooltip = [problem.message, place].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        const where = problemLocation(
          node.entry,
          problem,
          fileFolders().map((folder) => folder.path),
        );
        if (where) {
          const selection = new vscode.Range(where.line, where.column, where.line, where.column);
          item.command = {
            command: 'vscode.open',
            title: 'Open',
            arguments: [vscode.Uri.file(where.file), { selection, preview: true } satisfies vscode.TextDocumentShowOptions],
          };
        }
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.text;
        return item;
      }
    }
  }
}
