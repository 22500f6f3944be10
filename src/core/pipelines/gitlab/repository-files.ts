/**
 * The YAML files of a repository, relative to its root with forward slashes: what a wildcard
 * `include: local` is matched against (GitLab includes only YAML files). Synchronous, since
 * validation is; walked only when a file has a wildcard include, and bounded.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SKIPPED_FOLDERS } from '../find-pipeline-files';

/** A repository with more YAML files than this is listed in part: an include glob is matched against those. */
const MAX_LISTED = 20_000;

export function listYamlFiles(root: string): string[] {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0 && found.length < MAX_LISTED) {
    const folder = pending.pop() as string;
    let entries;
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) pending.push(path);
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) found.push(path);
    }
  }
  return found.sort();
}
