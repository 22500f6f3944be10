import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { PIPELINE_KIND_LABELS } from '../core/pipelines/pipeline-kind';
import { Commands, type CommandId } from './constants';
import { guarded } from './error-reporter';
import type { PipelineIndex } from './views/pipeline-index';
import type { RunsTreeProvider } from './views/runs-tree';
import { RecoveryWizardPanel } from './webviews/recovery-wizard-panel';

export interface CommandDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly log: vscode.LogOutputChannel;
  readonly pipelines: PipelineIndex;
  readonly runs: RunsTreeProvider;
}

type Handlers = { readonly [K in CommandId]: (...args: unknown[]) => Promise<unknown> };

/** Every command, one typed table: a constant without a handler does not compile. */
function handlers(deps: CommandDeps): Handlers {
  return {
    [Commands.openRecoveryWizard]: async () => {
      RecoveryWizardPanel.show(deps.extensionUri, deps.logger);
    },
    [Commands.refreshPipelines]: async () =>
      vscode.window.withProgress({ location: { viewId: 'shipshape.pipelines' }, title: 'Finding pipeline files' }, async () => {
        const found = await deps.pipelines.refresh();
        return found.map((pipeline) => pipeline.file.relativePath);
      }),
    [Commands.planLocalRun]: async () => planLocalRun(deps),
    [Commands.showLog]: async () => deps.log.show(true),
  };
}

async function planLocalRun(deps: CommandDeps): Promise<string[] | undefined> {
  if (!deps.pipelines.hasLoaded) await deps.pipelines.refresh();
  const workflows = deps.pipelines.all.filter((pipeline) => pipeline.file.kind === 'github-workflow');
  if (workflows.length === 0) {
    void vscode.window.showInformationMessage('No GitHub Actions workflows in this workspace: add one under .github/workflows/ to plan a local run.');
    return undefined;
  }
  const picked =
    workflows.length === 1
      ? workflows[0]
      : (
          await vscode.window.showQuickPick(
            workflows.map((pipeline) => ({ label: pipeline.outline?.name ?? pipeline.file.relativePath, description: pipeline.file.relativePath, pipeline })),
            { title: 'Plan a Local Run', placeHolder: `Which ${PIPELINE_KIND_LABELS['github-workflow']}?` },
          )
        )?.pipeline;
  if (!picked) return undefined;
  const jobs = deps.runs.addPlan(picked);
  await vscode.commands.executeCommand('shipshape.runs.focus');
  return jobs.map((job) => job.id);
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(handlers(deps)).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(deps.logger, commandTitle(id), handler)));
}

function commandTitle(id: string): string {
  return `Shipshape (${id.replace(/^shipshape\./, '')})`;
}
