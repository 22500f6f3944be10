import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { mergeGitLabConfig, type MergedGitLabConfig } from '../../../src/core/pipelines/gitlab/merge';
import { filesUnder } from '../../support/corpus';
import { tempFolder } from '../../support/temp';

export const readFile = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

/** Every file under `root`, relative with forward slashes, as `list()` gives them. */
export const listFiles = (root: string) => (): string[] => filesUnder(root).map((file) => relative(root, file).split('\\').join('/'));

/** Writes `files` (path → text) into a fresh folder. */
export function writeRepository(files: Record<string, string>): string {
  const folder = tempFolder('shipshape-gitlab-').path;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

/** `file:line` of an origin, relative to `folder`. */
export const lineOf =
  (folder: string) =>
  (origin: { file: string; start: number }): string =>
    `${relative(folder, origin.file)}:${(readFile(origin.file) ?? '').slice(0, origin.start).split('\n').length}`;

export function merge(files: Record<string, string>, entry = '.gitlab-ci.yml'): MergedGitLabConfig & { folder: string; line: ReturnType<typeof lineOf> } {
  const folder = writeRepository(files);
  const merged = mergeGitLabConfig({ file: join(folder, entry), repositoryRoot: folder, read: readFile, list: listFiles(folder) });
  return { ...merged, folder, line: lineOf(folder) };
}

export const lines = (...text: string[]): string => `${text.join('\n')}\n`;
