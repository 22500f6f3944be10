import type { ShipshapeConfig } from '../config';
import { matchGlob } from '../github/data/globs';

/** Whether the config's `azure.files` globs name this file (path from the repository root, forward slashes). */
export function isAzureFileByConfig(globs: ShipshapeConfig['azure']['files'] | undefined, relativePath: string): boolean {
  return (globs ?? []).some((glob) => matchGlob(glob, relativePath, 'path'));
}
