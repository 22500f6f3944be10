import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { annotationMatcherLine, outcomeLines, RunLogLines } from '../../core/runs/run-log-lines';
import type { RunRecord } from '../../core/runs/run-types';
import { RunTasks } from '../constants';
import type { PipelineIndex } from '../views/pipeline-index';
import type { LocalRunsModel } from './local-runs-model';
import { secretsReadBy } from '../../core/runs/referenced-secrets';
import { collectSecrets } from './run-secrets';
import { describeError } from '../../core/errors';
import { fileFolders, folderOf } from '../workspace';

/** In tasks.json: `{ "type": "shipshape", "workflow": ".github/workflows/ci.yml", "job": "test" }`. */
export interface RunTaskDefinition extends vscode.TaskDefinition {
  readonly workflow: string;
  readonly job?: string;
  readonly event?: string;
}

export interface RunTaskDeps {
  readonly logger: Logger;
  readonly pipelines: PipelineIndex;
  readonly runs: LocalRunsModel;
  readonly secrets: vscode.SecretStorage;
  /** The setting for the folder the workflow is in. */
  readonly includeUncommitted: (folder: vscode.Uri) => boolean;
}

const isRunTaskDefinition = (value: vscode.TaskDefinition): value is RunTaskDefinition =>
  value.type === RunTasks.type &&
  typeof value.workflow === 'string' &&
  (value.job === undefined || typeof value.job === 'string') &&
  (value.event === undefined || typeof value.event === 'string');

/**
 * Every workflow job as a task in "Tasks: Run Task": it runs locally like "Run Job
 * Locally" (recorded in the Local Runs view), streams its log into the task terminal
 * and ends with each annotation as a `::error file=…` line the problem matchers read.
 */
export class RunTaskProvider implements vscode.TaskProvider {
  constructor(private readonly deps: RunTaskDeps) {}

  async provideTasks(): Promise<vscode.Task[]> {
    if (!this.deps.pipelines.hasLoaded) await this.deps.pipelines.refresh();
    const tasks: vscode.Task[] = [];
    for (const pipeline of this.deps.pipelines.all) {
      if (pipeline.file.kind !== 'github-workflow' || !pipeline.outline) continue;
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(pipeline.file.path));
      const workflow = pipeline.file.relativePath;
      tasks.push(this.taskFor({ type: RunTasks.type, workflow }, folder));
      for (const job of pipeline.outline.jobs) tasks.push(this.taskFor({ type: RunTasks.type, workflow, job: job.id }, folder));
    }
    return tasks;
  }

  /** Tasks the user wrote in tasks.json come here to get their execution. */
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (!isRunTaskDefinition(task.definition)) return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    return this.taskFor(task.definition, folder, task.name);
  }

  private taskFor(definition: RunTaskDefinition, folder: vscode.WorkspaceFolder | undefined, name?: string): vscode.Task {
    const label = name ?? `${definition.workflow.split(/[\\/]/).pop() ?? definition.workflow}${definition.job ? `: ${definition.job}` : ''}`;
    const execution = new vscode.CustomExecution(async (resolved) => new RunTaskTerminal(this.deps, resolvedDefinition(resolved, definition), folder));
    const task = new vscode.Task(definition, folder ?? vscode.TaskScope.Workspace, label, 'Shipshape', execution, [...RunTasks.problemMatchers]);
    task.detail = definition.job ? `Run job "${definition.job}" locally (and the jobs it needs)` : 'Run the whole workflow locally';
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
    return task;
  }
}

const resolvedDefinition = (resolved: vscode.TaskDefinition, fallback: RunTaskDefinition): RunTaskDefinition =>
  isRunTaskDefinition(resolved) ? resolved : fallback;

/** The task's terminal: starts the run on open, cancels it on close. */
class RunTaskTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private runId: string | undefined;
  private finished = false;
  /** The terminal was closed (or the task terminated): a run that has not started yet must not. */
  private closedByUser = false;

  constructor(
    private readonly deps: RunTaskDeps,
    private readonly definition: RunTaskDefinition,
    private readonly folder: vscode.WorkspaceFolder | undefined,
  ) {}

  open(): void {
    void this.start().then(
      (code) => this.finish(code),
      (error: unknown) => {
        this.line(`Shipshape could not run the workflow: ${describeError(error)}`);
        this.finish(1);
      },
    );
  }

  close(): void {
    this.closedByUser = true;
    if (this.runId && !this.finished) this.deps.runs.cancel(this.runId);
  }

  private async start(): Promise<number> {
    if (!vscode.workspace.isTrusted) {
      this.line('Running a workflow executes code from this repository, so it needs a trusted workspace.');
      return 1;
    }
    const workflow = this.workflowPath();
    if (!workflow) {
      this.line(`"${this.definition.workflow}" is not a path inside a workspace folder; give it relative to the folder, e.g. .github/workflows/ci.yml.`);
      return 2;
    }
    const repo = dirname(workflow);
    const secrets = await collectSecrets(this.deps.secrets, repo, await secretsReadBy(workflow), true);
    if (!secrets) {
      this.line('Cancelled: the run needs secrets that were not given.');
      return 1;
    }
    if (this.closedByUser) return 1;
    const lines = new RunLogLines();
    const record = await this.deps.runs.run(
      {
        repo,
        workflow,
        includeUncommitted: this.deps.includeUncommitted(vscode.Uri.file(workflow)),
        secrets,
        ...(this.definition.job ? { job: this.definition.job } : {}),
        ...(this.definition.event ? { event: this.definition.event } : {}),
      },
      (update) => {
        if (update.type === 'run-started') {
          this.runId = update.runId;
          if (this.closedByUser) this.deps.runs.cancel(update.runId); // closed while the run was being prepared
        }
        this.writeLines(lines.linesOf(update)); // a batch of a chatty step's lines: one write
      },
    );
    this.deps.logger.info(`Task run ${record.runId}: ${record.status}`);
    for (const text of outcomeLines(record)) this.line(text);
    for (const text of matcherLines(record, this.folder?.uri.fsPath ?? repo)) this.line(text);
    return record.status === 'success' || record.status === 'skipped' ? 0 : 1;
  }

  /**
   * The workflow's absolute path; undefined outside the workspace's folders, which are all that
   * workspace trust covers. A relative path is from the task's folder; a workspace-wide task (in a
   * .code-workspace file) takes the first folder that has the file.
   */
  private workflowPath(): string | undefined {
    const given = this.definition.workflow;
    const bases = this.folder ? [this.folder.uri.fsPath] : fileFolders().map((folder) => folder.path);
    const path = isAbsolute(given)
      ? given
      : (bases.map((base) => join(base, given)).find((candidate) => existsSync(candidate)) ?? (bases[0] ? join(bases[0], given) : undefined));
    return path && folderOf(path) ? path : undefined;
  }

  private line(text: string): void {
    this.writeLines([text]);
  }

  private writeLines(texts: readonly string[]): void {
    if (texts.length > 0) this.written.fire(texts.map((text) => `${text.replace(/\r?\n/g, '\r\n')}\r\n`).join(''));
  }

  private finish(code: number): void {
    this.finished = true;
    this.closed.fire(code);
  }
}

function matcherLines(record: RunRecord, repoRoot: string): string[] {
  return record.jobs
    .flatMap((job) => job.annotations.map((annotation) => annotationMatcherLine(annotation, repoRoot)))
    .filter((line): line is string => line !== undefined);
}
