import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { TestCommands } from './constants';
import type { ValidationStore } from './pipelines/validation-store';
import type { PipelinesTreeProvider } from './views/pipelines-tree';

export interface TestModeDeps {
  readonly pipelinesTree: PipelinesTreeProvider;
  readonly validation: ValidationStore;
}

/** The event-loop delay of the extension host, in milliseconds. */
export interface EventLoopDelay {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly samples: number;
}

/**
 * Commands for the integration tests and the benchmark (bench/host-delay.mjs),
 * registered only when VS Code runs the extension's tests: a user never sees them.
 */
export function registerTestCommands(context: vscode.ExtensionContext, deps: TestModeDeps): vscode.Disposable[] {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return [];
  let histogram: IntervalHistogram | undefined;
  return [
    vscode.commands.registerCommand(TestCommands.pipelineItems, () =>
      deps.pipelinesTree.getChildren().map((node) => {
        const item = deps.pipelinesTree.getTreeItem(node);
        return { label: String(typeof item.label === 'object' ? item.label.label : item.label), description: String(item.description ?? '') };
      }),
    ),
    vscode.commands.registerCommand(TestCommands.validationIdle, () => deps.validation.idle()),
    vscode.commands.registerCommand(TestCommands.startEventLoopDelay, () => {
      histogram?.disable();
      histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
    }),
    vscode.commands.registerCommand(TestCommands.stopEventLoopDelay, (): EventLoopDelay | undefined => {
      if (!histogram) return undefined;
      histogram.disable();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const delay = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean), samples: histogram.count };
      histogram = undefined;
      return delay;
    }),
  ];
}
