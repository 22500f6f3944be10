import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { PipelinesNode } from './pipelines-tree';
import type { RunsNode } from './runs-tree';
import type { RecoveryNode } from './recovery-tree';

/**
 * The commands of the Pipelines and Local Runs views' items (Open, Reveal in Problems, Copy Path,
 * Open Workflow). Each takes the node VS Code passes from the item's menu; from anywhere else
 * (the palette hides them) they do nothing and return undefined.
 */

const isPipelinesNode = (node: unknown): node is Exclude<PipelinesNode, { kind: 'more' }> =>
  typeof node === 'object' &&
  node !== null &&
  'pipeline' in node &&
  ['file', 'job', 'step', 'azure', 'gitlab-stage', 'gitlab-job'].includes((node as { kind?: unknown }).kind as string);

/** What a run command acts on: a URI (CodeLens, tests) or a Pipelines view node, whose job a job or step node names. */
export function workflowTarget(target: unknown, job: unknown): { uri: vscode.Uri | undefined; job: string | undefined } {
  if (isPipelinesNode(target))
    return { uri: vscode.Uri.file(target.pipeline.file.path), job: target.kind === 'job' || target.kind === 'step' ? target.job.id : undefined };
  return { uri: target instanceof vscode.Uri ? target : undefined, job: typeof job === 'string' ? job : undefined };
}

/**
 * Opens the file at the node: a job or step at its job's line; an Azure node or a GitLab job where it
 * was written (a template's or an included file's line for what it brought in).
 */
export async function openPipelineItem(node: unknown): Promise<string | undefined> {
  if (!isPipelinesNode(node)) return undefined;
  const place = node.kind === 'azure' ? node.node.place : node.kind === 'gitlab-job' ? node.job.place : undefined;
  const uri = vscode.Uri.file(place?.file ?? node.pipeline.file.path);
  const line = place ? place.line : node.kind === 'job' || node.kind === 'step' ? node.job.line : undefined;
  await vscode.window.showTextDocument(uri, line === undefined ? {} : { selection: new vscode.Range(line, 0, line, 0) });
  return uri.fsPath;
}

/**
 * The Problems view on the file's diagnostics. They exist while a document shows the file, so it
 * opens first; the view's filter cannot be set through the API, so the file is the active one
 * (Problems' "Show Active File Only" narrows to it).
 */
export async function revealInProblems(node: unknown): Promise<string | undefined> {
  const path = await openPipelineItem(isPipelinesNode(node) ? { kind: 'file', pipeline: node.pipeline } : undefined);
  if (path) await vscode.commands.executeCommand('workbench.action.problems.focus');
  return path;
}

/** The absolute path an item stands for: a pipeline file, a run's workflow, a kept copy, a step's log, a deleted file. */
export function pathOfItem(node: unknown): string | undefined {
  if (isPipelinesNode(node)) return node.pipeline.file.path;
  const recovery = node as RecoveryNode | undefined;
  // A deleted file: where it was, in its repository (it is not on disk until restored).
  if (recovery?.kind === 'deleted') return recovery.model.root ? join(recovery.model.root, recovery.file.path) : recovery.file.path;
  const runs = node as RunsNode | undefined;
  switch (runs?.kind) {
    case 'run':
    case 'job':
      return workflowPathOf(runs.entry);
    case 'step':
      return runs.step.logFile ?? workflowPathOf(runs.entry);
    case 'worktree':
      return runs.path;
    default:
      return undefined;
  }
}

/** A run's workflow file: absolute when the editor started it, else under the repository its record names. */
export function workflowPathOf(entry: Extract<RunsNode, { kind: 'run' }>['entry']): string | undefined {
  const workflow = entry.request?.workflow ?? entry.workflow;
  if (isAbsolute(workflow)) return workflow;
  const root = entry.record?.repositoryRoot ?? entry.request?.repo;
  return root ? join(root, workflow) : undefined;
}

export async function copyPathOfItem(node: unknown): Promise<string | undefined> {
  const path = pathOfItem(node);
  if (path) await vscode.env.clipboard.writeText(path);
  return path;
}

/** Opens the workflow a run or plan in the Local Runs view came from. */
export async function openRunWorkflow(node: unknown): Promise<string | undefined> {
  const runs = node as RunsNode | undefined;
  const path = runs && (runs.kind === 'run' || runs.kind === 'job') ? workflowPathOf(runs.entry) : undefined;
  if (!path) return undefined;
  await vscode.window.showTextDocument(vscode.Uri.file(path));
  return path;
}
