import * as vscode from 'vscode';
import { TestCommands } from './constants';
import type { ValidationStore } from './pipelines/validation-store';
import type { PipelinesTreeProvider } from './views/pipelines-tree';

export interface TestModeDeps {
  readonly pipelinesTree: PipelinesTreeProvider;
  readonly validation: ValidationStore;
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

/**
 * Commands for the integration tests and the benchmark (bench/host-delay.mjs),
 * registered only when VS Code runs the extension's tests: a user never sees them.
 * (The benchmark's event-loop histogram lives in its own module in the host:
 * it must start before activation and work against older commits too.)
 */
export function registerTestCommands(context: vscode.ExtensionContext, deps: TestModeDeps): vscode.Disposable[] {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return [];
  return [
    vscode.commands.registerCommand(TestCommands.pipelineItems, () =>
      deps.pipelinesTree.getChildren().map((node) => {
        const item = deps.pipelinesTree.getTreeItem(node);
        return { label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description ?? '') };
      }),
    ),
    vscode.commands.registerCommand(TestCommands.validationIdle, () => deps.validation.idle()),
    vscode.commands.registerCommand(TestCommands.treeItems, (view: string, depth = 2) => {
      const tree = deps.trees[view];
      return tree ? shownItems(tree, undefined, depth) : undefined;
    }),
  ];
}
