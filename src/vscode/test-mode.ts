import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { TestCommands } from './constants';
import type { ValidationStore } from './pipelines/validation-store';
import type { RecoveryModel } from './recovery/recovery-model';
import { RunPanel } from './runs/run-panel';
import type { PipelinesTreeProvider } from './views/pipelines-tree';
import { RecoveryWizardPanel } from './webviews/recovery-wizard-panel';

export interface TestModeDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly pipelinesTree: PipelinesTreeProvider;
  readonly validation: ValidationStore;
  readonly recovery: RecoveryModel;
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
    [TestCommands.situations]: async () => {
      const state = await deps.recovery.refresh();
      return state.status === 'ready' ? state.situations : [];
    },
    [TestCommands.applyFix]: async (fixId) => {
      const wizard = RecoveryWizardPanel.show(deps.extensionUri, deps.logger, deps.recovery);
      await deps.recovery.refresh();
      return typeof fixId === 'string' ? wizard.apply(fixId, false) : undefined;
    },
    [TestCommands.undoFix]: async (snapshotId) => deps.recovery.undo(typeof snapshotId === 'string' ? snapshotId : undefined),
    [TestCommands.runPanelState]: async (runId, select) => {
      const panel = typeof runId === 'string' ? RunPanel.find(runId) : undefined;
      const step = select as { jobKey?: unknown; stepIndex?: unknown } | undefined;
      if (panel && typeof step?.jobKey === 'string' && typeof step.stepIndex === 'number') await panel.select(step.jobKey, step.stepIndex);
      return panel ? { state: panel.state, shownLineCount: panel.shownLineCount } : undefined;
    },
  };
  return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
