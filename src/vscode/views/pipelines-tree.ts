import * as vscode from 'vscode';
import type { JobOutline } from '../../core/pipelines/workflow-outline';
import type { AzureOutline, AzureOutlineJob, AzureOutlineStage, AzureOutlineStep, OutlinePlace } from '../../core/pipelines/azure/pipeline-outline';
import type { GitLabOutlineJob, GitLabOutlineStage } from '../../core/pipelines/gitlab/pipeline-outline';
import type { ValidationStore } from '../pipelines/validation-store';
import type { IndexedPipeline, PipelineIndex } from './pipeline-index';
import { fileFolders, type WorkspaceFolderRef } from '../workspace';
import { GroupedTreeProvider, type TreeGroup } from './grouped-tree';
import { azureNodeDescription, gitLabJobDescription, gitLabStageDescription, pipelineFileLook, type PipelineFileLook } from './pipeline-item-model';

/** Results arrive file by file while indexing: the tree redraws at most this often. */
const REDRAW_MS = 200;

export type PipelinesNode =
  | { readonly kind: 'file'; readonly pipeline: IndexedPipeline }
  | { readonly kind: 'job'; readonly pipeline: IndexedPipeline; readonly job: JobOutline }
  | { readonly kind: 'step'; readonly pipeline: IndexedPipeline; readonly job: JobOutline; readonly step: string; readonly index: number }
  /** An Azure file's stage, job or step after expansion; `path` (indexes from the file) keeps ids unique. */
  | {
      readonly kind: 'azure';
      readonly pipeline: IndexedPipeline;
      readonly node: AzureOutlineStage | AzureOutlineJob | AzureOutlineStep;
      readonly level: 'stage' | 'job' | 'step';
      readonly path: string;
    }
  /** A GitLab file's stage, or a job of the merged configuration; `path` (indexes from the file) keeps ids unique. */
  | { readonly kind: 'gitlab-stage'; readonly pipeline: IndexedPipeline; readonly stage: GitLabOutlineStage; readonly path: string }
  | { readonly kind: 'gitlab-job'; readonly pipeline: IndexedPipeline; readonly job: GitLabOutlineJob; readonly path: string }
  /** The last item of a folder listing fewer files than it has: how many are left out, and what checks them all. */
  | { readonly kind: 'more'; readonly folder: string; readonly note: string };

type Node = PipelinesNode;

const ICONS: Readonly<Record<PipelineFileLook['icon'], vscode.ThemeIcon>> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  // Neutral: nothing looked at the file, so neither a pass nor a problem.
  'not-checked': new vscode.ThemeIcon('circle-large-outline'),
  pending: new vscode.ThemeIcon('loading~spin'),
};

interface FolderGroup extends TreeGroup {
  readonly folder: WorkspaceFolderRef;
}

/**
 * Pipeline file -> jobs (with their needs) -> steps, under their folder when the workspace has
 * several. Empty until the index has files, so the welcome content shows.
 */
export class PipelinesTreeProvider extends GroupedTreeProvider<FolderGroup, Node> {
  constructor(
    private readonly index: PipelineIndex,
    private readonly store: ValidationStore,
  ) {
    // The file list redraws at once; results arrive file by file, batched.
    super([index.onDidChange], [store.onDidChange], REDRAW_MS);
  }

  protected groups(): FolderGroup[] {
    return fileFolders().map((folder) => ({ id: folder.path, label: folder.name, folder }));
  }

  protected rootsOf(group: FolderGroup): Node[] {
    const files: Node[] = this.index.all.filter((pipeline) => pipeline.folder.path === group.folder.path).map((pipeline) => ({ kind: 'file', pipeline }));
    const note = this.index.notShown(group.folder.path);
    return note ? [...files, { kind: 'more', folder: group.folder.path, note }] : files;
  }

  protected childrenOf(node: Node): Node[] {
    if (node.kind === 'more') return [];
    if (node.kind === 'file' && node.pipeline.azure) return azureChildren(node.pipeline, node.pipeline.azure);
    if (node.kind === 'azure') return azureNodeChildren(node);
    if (node.kind === 'file' && node.pipeline.gitlab)
      return node.pipeline.gitlab.stages.map((stage, index) => ({ kind: 'gitlab-stage', pipeline: node.pipeline, stage, path: `${index}` }));
    if (node.kind === 'gitlab-stage')
      return node.stage.jobs.map((job, index) => ({ kind: 'gitlab-job', pipeline: node.pipeline, job, path: `${node.path}/${index}` }));
    if (node.kind === 'gitlab-job') return [];
    if (node.kind === 'file') return (node.pipeline.outline?.jobs ?? []).map((job) => ({ kind: 'job', pipeline: node.pipeline, job }));
    if (node.kind === 'job') return node.job.steps.map((step, index) => ({ kind: 'step', pipeline: node.pipeline, job: node.job, step, index }));
    return [];
  }

  protected itemOf(node: Node): vscode.TreeItem {
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(node.note, vscode.TreeItemCollapsibleState.None);
      item.id = `more:${node.folder}`;
      item.tooltip = node.note;
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    if (node.kind === 'azure') return azureItem(node);
    if (node.kind === 'gitlab-stage' || node.kind === 'gitlab-job') return gitLabItem(node);
    const uri = vscode.Uri.file(node.pipeline.file.path);
    if (node.kind === 'file') {
      const { file, outline, azure, gitlab } = node.pipeline;
      const expandable =
        (outline?.jobs.length ?? 0) > 0 || (azure !== undefined && azureChildren(node.pipeline, azure).length > 0) || (gitlab?.stages.length ?? 0) > 0;
      // Pipelines open on their jobs or stages; a template (Azure) or an included file (GitLab) stays closed: it is read through what includes it.
      const open = (azure === undefined || azure.role === 'pipeline') && gitlab?.includedBy === undefined;
      const state = !expandable
        ? vscode.TreeItemCollapsibleState.None
        : open
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
      const item = new vscode.TreeItem(file.relativePath, state);
      // The outline comes from the validation worker after the file is listed: a new id when it
      // brings jobs makes VS Code show the item expanded, as a fresh one, not keep it as a leaf.
      item.id = `${file.path}\0${expandable ? 'jobs' : 'leaf'}`;
      item.resourceUri = uri;
      // The store's result: the open document's when one shows the file, so it matches the Problems view.
      const look = pipelineFileLook({
        relativePath: file.relativePath,
        kind: file.kind,
        findings: this.store.get(file.path)?.findings,
        problem: outline?.problem,
        azure,
        gitlab,
      });
      item.description = look.description;
      item.tooltip = look.tooltip;
      item.iconPath = ICONS[look.icon];
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
      // Menus: `pipelineFile.<kind>` (Plan and Run only on workflows), `.checked` when a validator looks at it.
      item.contextValue = `pipelineFile.${file.kind}${look.icon === 'not-checked' ? '' : '.checked'}`;
      return item;
    }
    if (node.kind === 'job') {
      const { job } = node;
      const item = new vscode.TreeItem(job.name ?? job.id, job.steps.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.description = [job.runsOn, job.needs.length ? `needs ${job.needs.join(', ')}` : undefined].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('symbol-event');
      item.command = revealLine(uri, job.line);
      item.contextValue = 'pipelineJob';
      return item;
    }
    const item = new vscode.TreeItem(node.step, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('debug-stackframe-dot');
    item.command = revealLine(uri, node.job.line);
    item.contextValue = 'pipelineStep';
    return item;
  }
}

function revealLine(uri: vscode.Uri, line: number): vscode.Command {
  const selection = new vscode.Range(line, 0, line, 0);
  return { command: 'vscode.open', title: 'Reveal', arguments: [uri, { selection } satisfies vscode.TextDocumentShowOptions] };
}

/** An Azure file's top level: its stages; the jobs of an implied stage; the steps of an implied job. */
function azureChildren(pipeline: IndexedPipeline, outline: AzureOutline): Node[] {
  const [only] = outline.stages;
  if (outline.stages.length === 1 && only && !only.written) {
    const [job] = only.jobs;
    if (only.jobs.length === 1 && job && !job.written) return job.steps.map((step, index) => azureNode(pipeline, step, 'step', `${index}`));
    return only.jobs.map((job, index) => azureNode(pipeline, job, 'job', `${index}`));
  }
  return outline.stages.map((stage, index) => azureNode(pipeline, stage, 'stage', `${index}`));
}

const azureNode = (pipeline: IndexedPipeline, node: Extract<Node, { kind: 'azure' }>['node'], level: 'stage' | 'job' | 'step', path: string): Node => ({
  kind: 'azure',
  pipeline,
  node,
  level,
  path,
});

function azureNodeChildren(node: Extract<Node, { kind: 'azure' }>): Node[] {
  if (node.level === 'stage') return (node.node as AzureOutlineStage).jobs.map((job, index) => azureNode(node.pipeline, job, 'job', `${node.path}/${index}`));
  if (node.level === 'job') return (node.node as AzureOutlineJob).steps.map((step, index) => azureNode(node.pipeline, step, 'step', `${node.path}/${index}`));
  return [];
}

const AZURE_ICONS = { stage: 'layers', job: 'symbol-event', step: 'debug-stackframe-dot' } as const;

function azureItem(node: Extract<Node, { kind: 'azure' }>): vscode.TreeItem {
  const children = azureNodeChildren(node).length;
  // Closed like a workflow's jobs: the file's row lists its stages, a click shows more.
  const state = children === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.node.label, state);
  item.id = `${node.pipeline.file.path}\0azure:${node.path}`;
  if (node.level !== 'step') {
    const holder = node.node as AzureOutlineStage | AzureOutlineJob;
    item.description = azureNodeDescription({
      displayName: holder.displayName === holder.label ? undefined : holder.displayName,
      dependsOn: holder.dependsOn,
      count: node.level === 'stage' ? (holder as AzureOutlineStage).jobs.length : (holder as AzureOutlineJob).steps.length,
      of: node.level === 'stage' ? 'job' : 'step',
    });
  }
  const place: OutlinePlace = node.node.place;
  // What a template brought in opens in the template, where a person wrote it.
  if (place.file !== node.pipeline.file.path) item.tooltip = `${node.node.label}\nfrom ${vscode.workspace.asRelativePath(place.file)}:${place.line + 1}`;
  item.iconPath = new vscode.ThemeIcon(AZURE_ICONS[node.level]);
  item.command = revealLine(vscode.Uri.file(place.file), place.line);
  item.contextValue = `azure${node.level[0]?.toUpperCase()}${node.level.slice(1)}`;
  return item;
}

/** A GitLab stage (closed, like Azure's: the file's row lists its stages) or job, which opens where it is written. */
function gitLabItem(node: Extract<Node, { kind: 'gitlab-stage' | 'gitlab-job' }>): vscode.TreeItem {
  const id = `${node.pipeline.file.path}\0gitlab:${node.path}`;
  if (node.kind === 'gitlab-stage') {
    const { stage } = node;
    const item = new vscode.TreeItem(stage.name, stage.jobs.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = id;
    item.description = gitLabStageDescription(stage);
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = 'gitlabStage';
    return item;
  }
  const { job } = node;
  const item = new vscode.TreeItem(job.name, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = gitLabJobDescription(job);
  // A job written in an included file opens there.
  if (job.place.file !== node.pipeline.file.path) item.tooltip = `${job.name}\nfrom ${vscode.workspace.asRelativePath(job.place.file)}:${job.place.line + 1}`;
  // A trigger job starts another pipeline rather than running a script.
  item.iconPath = new vscode.ThemeIcon(job.trigger ? 'type-hierarchy-sub' : 'symbol-event');
  item.command = revealLine(vscode.Uri.file(job.place.file), job.place.line);
  item.contextValue = 'gitlabJob';
  return item;
}
