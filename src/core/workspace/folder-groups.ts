import { isAbsolute, relative } from 'node:path';

/** A workspace folder as the core sees it: its name and absolute path. */
export interface FolderRef {
  readonly name: string;
  readonly path: string;
}

/** Whether `path` is `dir` or inside it (`/a/bc` is not inside `/a/b`). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The deepest folder holding `path` (folders may nest), or undefined. */
export function folderOfPath<F extends FolderRef>(path: string, folders: readonly F[]): F | undefined {
  let best: F | undefined;
  for (const folder of folders) if (isInside(path, folder.path) && (!best || folder.path.length > best.path.length)) best = folder;
  return best;
}

export interface FolderGroup<F, T> {
  readonly folder: F;
  readonly items: readonly T[];
}

/**
 * Every folder, in order, with the items it holds (each item under the deepest
 * folder holding it, once). Items outside every folder are in none.
 */
export function groupByFolder<F extends FolderRef, T>(
  items: readonly T[],
  folders: readonly F[],
  pathOf: (item: T) => string | undefined,
): FolderGroup<F, T>[] {
  const byFolder = new Map<F, T[]>();
  for (const item of items) {
    const path = pathOf(item);
    const folder = path === undefined ? undefined : folderOfPath(path, folders);
    if (folder) byFolder.set(folder, [...(byFolder.get(folder) ?? []), item]);
  }
  return folders.map((folder) => ({ folder, items: byFolder.get(folder) ?? [] }));
}

/** The repository a set of folders share, keyed by its top level. */
export interface FolderRepository<F> {
  /** git's top level; for a folder in no repository, the folder's own path (its diagnosis says why). */
  readonly root: string;
  readonly inRepository: boolean;
  readonly folders: readonly F[];
}

/**
 * One entry per repository, in the order its first folder comes: folders that
 * share a repository (a monorepo opened at two subfolders) are diagnosed once.
 */
export function repositoriesOf<F extends FolderRef>(folders: readonly { readonly folder: F; readonly topLevel: string | undefined }[]): FolderRepository<F>[] {
  const byRoot = new Map<string, { root: string; inRepository: boolean; folders: F[] }>();
  for (const { folder, topLevel } of folders) {
    const root = topLevel ?? folder.path;
    const known = byRoot.get(root);
    if (known) known.folders.push(folder);
    else byRoot.set(root, { root, inRepository: topLevel !== undefined, folders: [folder] });
  }
  return [...byRoot.values()];
}

/** A repository's name in views and pickers: its folders' names, or the one folder's. */
export function repositoryLabel(repository: FolderRepository<FolderRef>): string {
  return repository.folders.map((folder) => folder.name).join(', ');
}
