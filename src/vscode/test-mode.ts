import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { TestCommands } from './constants';
import type { ValidationStore } from './pipelines/validation-store';
import type { RecoveryWorkspace } from './recovery/recovery-workspace';
import { RunPanel } from './runs/run-panel';
import type { PipelinesTreeProvider } from './views/pipelines-tree';
import type { PreflightModel } from './preflight/preflight-model';
import type { PreflightStatusBar } from './preflight/preflight-status-bar';
import { RecoveryWizardPanel } from './webviews/recovery-wizard-panel';

export interface TestModeDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly pipelinesTree: PipelinesTreeProvider;
  readonly validation: ValidationStore;
  /** Every repository's recovery model. */
  readonly recovery: RecoveryWorkspace;
  readonly preflight: PreflightModel;
  readonly preflightStatus: PreflightStatusBar;
  /** Every view's provider, by view id. */
  readonly trees: Readonly<Record<string, vscode.TreeDataProvider<unknown>>>;
}

/** What a view shows, as plain data: labels and descriptions, `depth` levels down. */
interface ShownItem {
  readonly label: string;
  readonly description: string;
  readonly children: readonly ShownItem[];
}

async function shownItems(tree: vscode.TreeDataProvider<unknown>, node: unknown, depth: number): Promise<ShownItem[]> {
  const nodes = (await tree.getChildren(node)) ?? [];
  return Promise.all(
    nodes.map(async (child) => {
      const item = await tree.getTreeItem(child);
      const label = String(typeof item.label === 'object' ? item.label.label : item.label);
      return { label, description: String(item.description ?? ''), children: depth > 1 ? await shownItems(tree, child, depth - 1) : [] };
    }),
  );
}

const labelOf = (item: vscode.TreeItem) => String(typeof item.label === 'object' ? item.label.label : item.label);

/** The nodes under the item path `labels` (from the root), each with its item's label and context value. */
async function nodesAt(
  tree: vscode.TreeDataProvider<unknown>,
  labels: readonly string[],
): Promise<{ label: string; contextValue: string | undefined; node: unknown }[]> {
  let parent: unknown = undefined;
  for (const label of labels) {
    const children = (await tree.getChildren(parent)) ?? [];
    const items = await Promise.all(children.map(async (child) => ({ child, item: await tree.getTreeItem(child) })));
    parent = items.find(({ item }) => labelOf(item) === label)?.child;
    if (parent === undefined) return [];
  }
  const nodes = (await tree.getChildren(parent)) ?? [];
  return Promise.all(
    nodes.map(async (node) => {
      const item = await tree.getTreeItem(node);
      return { label: labelOf(item), contextValue: item.contextValue, node };
    }),
  );
}

/**
 * Commands for the integration tests and the benchmark (bench/host-delay.mjs),
 * registered only when VS Code runs the extension's tests: a user never sees them,
 * and none is in package.json. Each reads state or acts without a modal dialog.
 * (The benchmark's event-loop histogram lives in its own module in the host:
 * it must start before activation and work against older commits too.)
 */
export function registerTestCommands(context: vscode.ExtensionContext, deps: TestModeDeps): vscode.Disposable[] {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return [];
  const commands: Record<(typeof TestCommands)[keyof typeof TestCommands], (...args: unknown[]) => unknown> = {
    [TestCommands.pipelineItems]: () =>
      deps.pipelinesTree.getChildren().map((node) => {
        const item = deps.pipelinesTree.getTreeItem(node);
        return { label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description ?? '') };
      }),
    [TestCommands.validationIdle]: () => deps.validation.idle(),
    [TestCommands.treeItems]: (view, depth = 2) => {
      const tree = typeof view === 'string' ? deps.trees[view] : undefined;
      return tree ? shownItems(tree, undefined, typeof depth === 'number' ? depth : 2) : undefined;
    },
    // Integration tests run in the extension host: the nodes arrive as the objects a menu passes.
    [TestCommands.treeNodes]: (view, labels = []) => {
      const tree = typeof view === 'string' ? deps.trees[view] : undefined;
      return tree && Array.isArray(labels) ? nodesAt(tree, labels.map(String)) : undefined;
    },
    // Of one repository (its top-level) or of all.
    [TestCommands.situations]: async (root) => {
      await deps.recovery.refresh();
      const models = typeof root === 'string' ? [deps.recovery.forRoot(root)] : deps.recovery.all;
      return models.flatMap((model) => (model?.state.status === 'ready' ? model.state.situations : []));
    },
    [TestCommands.applyFix]: async (fixId, root) => {
      await deps.recovery.refresh();
      const model =
        deps.recovery.forRoot(typeof root === 'string' ? root : undefined) ?? (typeof fixId === 'string' ? deps.recovery.withFix(fixId) : undefined);
      if (!model || typeof fixId !== 'string') return undefined;
      return RecoveryWizardPanel.show(deps.extensionUri, deps.logger, model).apply(fixId, false);
    },
    [TestCommands.undoFix]: async (snapshotId, root) => {
      const id = typeof snapshotId === 'string' ? snapshotId : undefined;
      const model =
        deps.recovery.forRoot(typeof root === 'string' ? root : undefined) ??
        (id ? deps.recovery.withSnapshot(id) : deps.recovery.all.length === 1 ? deps.recovery.all[0] : undefined);
      return model?.undo(id);
    },
    // Git Recovery first (its first look finds the fix a secret's row opens), then the check.
    [TestCommands.preflightStatus]: async () => {
      await deps.recovery.refresh();
      await deps.preflight.refresh();
      return deps.preflightStatus.shown;
    },
    [TestCommands.runPanelState]: async (runId, select) => {
      const panel = typeof runId === 'string' ? RunPanel.find(runId) : undefined;
      const step = select as { jobKey?: unknown; stepIndex?: unknown } | undefined;
      if (panel && typeof step?.jobKey === 'string' && typeof step.stepIndex === 'number') await panel.select(step.jobKey, step.stepIndex);
      return panel ? { state: panel.state, shownLineCount: panel.shownLineCount } : undefined;
    },
  };
  return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
