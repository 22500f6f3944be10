import * as vscode from 'vscode';
import { orderJobs } from '../../core/runs/job-order';
import type { IndexedPipeline } from './pipeline-index';

interface PlannedJob {
  readonly id: string;
  readonly label: string;
  readonly detail: string;
  readonly blocked: boolean;
}

interface PlanEntry {
  readonly pipeline: IndexedPipeline;
  readonly createdAt: Date;
  readonly jobs: readonly PlannedJob[];
}

type Node = { readonly kind: 'plan'; readonly plan: PlanEntry } | { readonly kind: 'job'; readonly job: PlannedJob };

/** Plans (newest first) -> jobs in the order they would run. Empty at first, so the welcome content shows. */
export class RunsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private plans: PlanEntry[] = [];

  get planCount(): number {
    return this.plans.length;
  }

  /** Records the job order of a workflow and returns it, wave by wave. */
  addPlan(pipeline: IndexedPipeline): readonly PlannedJob[] {
    const jobs = pipeline.outline?.jobs ?? [];
    const order = orderJobs(jobs);
    const planned: PlannedJob[] = [];
    order.waves.forEach((wave, index) => {
      for (const id of wave) {
        const job = jobs.find((candidate) => candidate.id === id);
        const after = job?.needs.length ? `after ${job.needs.join(', ')}` : 'starts first';
        planned.push({ id, label: job?.name ?? id, detail: `wave ${index + 1} · ${after}`, blocked: false });
      }
    });
    for (const { id, reason } of order.blocked) planned.push({ id, label: id, detail: `never starts: ${reason}`, blocked: true });
    this.plans = [{ pipeline, createdAt: new Date(), jobs: planned }, ...this.plans].slice(0, 20);
    this.changed.fire();
    return planned;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.plans.map((plan) => ({ kind: 'plan', plan }));
    if (node.kind === 'plan') return node.plan.jobs.map((job) => ({ kind: 'job', job }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'plan') {
      const { plan } = node;
      const item = new vscode.TreeItem(plan.pipeline.outline?.name ?? plan.pipeline.file.relativePath, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `plan · ${plan.createdAt.toLocaleTimeString()}`;
      item.tooltip = `Job order for ${plan.pipeline.file.relativePath}`;
      item.iconPath = new vscode.ThemeIcon('list-tree');
      return item;
    }
    const item = new vscode.TreeItem(node.job.label, vscode.TreeItemCollapsibleState.None);
    item.description = node.job.detail;
    item.iconPath = new vscode.ThemeIcon(node.job.blocked ? 'error' : 'circle-large-outline');
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
