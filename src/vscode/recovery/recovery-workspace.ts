import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { topLevelOf } from '../../core/git/top-level';
import { isInside, repositoriesOf, repositoryLabel, type FolderRepository } from '../../core/workspace/folder-groups';
import { editorGitOptions } from '../git-options';
import { activeEditorPath, fileFolders, type WorkspaceFolderRef } from '../workspace';
import { RecoveryModel } from './recovery-model';

/**
 * Git Recovery across a multi-root workspace: one RecoveryModel per
 * repository (folders that share one are diagnosed once), found again when
 * folders are added or removed, refreshed when git's files change in it.
 */
export class RecoveryWorkspace implements vscode.Disposable {
  private models: RecoveryModel[] = [];
  private repositories: FolderRepository<WorkspaceFolderRef>[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** A model's state changed, or the set of repositories did. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private modelSubscriptions: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {
    // git writes HEAD, refs, logs and the index: any of them changing means a new diagnosis of that repository.
    const watcher = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,ORIG_HEAD,MERGE_HEAD,index,refs/**,logs/**,packed-refs}');
    const schedule = (uri: vscode.Uri) => this.gitFilesChanged(uri.fsPath);
    this.disposables.push(
      watcher,
      watcher.onDidChange(schedule),
      watcher.onDidCreate(schedule),
      watcher.onDidDelete(schedule),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
  }

  /** One model per repository, in folder order (before the first load: none). */
  get all(): readonly RecoveryModel[] {
    return this.models;
  }

  /** Finds each folder's repository (git's top level); keeps the models of repositories still open. One at a time. */
  reload(): Promise<void> {
    this.loading = (this.loading ?? Promise.resolve()).catch(() => undefined).then(() => this.findRepositories());
    return this.loading;
  }

  private async findRepositories(): Promise<void> {
    const folders = fileFolders();
    const options = editorGitOptions();
    const tops = await Promise.all(folders.map(async (folder) => ({ folder, topLevel: await topLevelOf(folder.path, options) })));
    this.repositories = repositoriesOf(tops);
    const kept = new Map(this.models.map((model) => [model.root, model]));
    const next = this.repositories.map(
      (repository) => kept.get(repository.root) ?? new RecoveryModel(this.logger, repository.root, repositoryLabel(repository)),
    );
    // No folder: one model that says to open one (the wizard shows it).
    if (!next.length) next.push(kept.get(undefined) ?? new RecoveryModel(this.logger, undefined, ''));
    for (const model of this.models) if (!next.includes(model)) model.dispose();
    this.models = next;
    for (const subscription of this.modelSubscriptions.splice(0)) subscription.dispose();
    this.modelSubscriptions = next.map((model) => model.onDidChange(() => this.changed.fire()));
    this.changed.fire();
  }

  /** Finds the repositories again (a folder may have become one), then diagnoses each. */
  async refresh(): Promise<void> {
    await this.reload();
    await Promise.all(this.models.map((model) => model.refresh()));
  }

  /** The model of the repository holding `path`. */
  forPath(path: string): RecoveryModel | undefined {
    const repository = this.repositories.find((candidate) => candidate.folders.some((folder) => isInside(path, folder.path)) || isInside(path, candidate.root));
    return this.models.find((model) => model.root === repository?.root);
  }

  /** The model that offers this fix (detected, or planned for an intent). */
  withFix(fixId: string): RecoveryModel | undefined {
    return this.models.find((model) => model.findFix(fixId));
  }

  /** The model whose diagnosis holds this situation. */
  withSituation(id: string): RecoveryModel | undefined {
    return this.models.find((model) => model.state.status === 'ready' && model.state.situations.some((situation) => situation.id === id));
  }

  /** The model whose repository has this safety snapshot. */
  withSnapshot(id: string): RecoveryModel | undefined {
    return this.models.find((model) => model.state.status === 'ready' && model.state.snapshots.some((snapshot) => snapshot.id === id));
  }

  /** The model with this top level. */
  forRoot(root: string | undefined): RecoveryModel | undefined {
    return root === undefined ? undefined : this.models.find((model) => model.root === root);
  }

  /**
   * The repository a command acts on when no tree item says: the active editor's,
   * the only one, or the one the user picks (undefined when they back out).
   */
  async pick(title: string): Promise<RecoveryModel | undefined> {
    await (this.loading ?? this.reload());
    const editorPath = activeEditorPath();
    const fromEditor = editorPath === undefined ? undefined : this.forPath(editorPath);
    if (fromEditor) return fromEditor;
    // Folders in no repository are offered only when there is nothing else (the wizard then says why).
    const repositories = this.models.filter((model) => this.repositories.find((repository) => repository.root === model.root)?.inRepository);
    const candidates = repositories.length ? repositories : this.models;
    if (candidates.length <= 1) return candidates[0];
    const picked = await vscode.window.showQuickPick(
      candidates.map((model) => ({ label: model.label, description: model.root, model })),
      { title, placeHolder: "Which folder's repository?" },
    );
    return picked?.model;
  }

  private gitFilesChanged(path: string): void {
    const owners = this.models.filter((model) => model.root !== undefined && isInside(path, model.root));
    // A .git elsewhere (a worktree's gitdir): cheaper to read every repository again than to miss it.
    for (const model of owners.length ? owners : this.models) model.scheduleRefresh();
  }

  dispose(): void {
    for (const subscription of this.modelSubscriptions.splice(0)) subscription.dispose();
    for (const model of this.models) model.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
