import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** `secrets.NAME` and `secrets['NAME']` a workflow text reads; GITHUB_TOKEN is GitHub's own. */
export function referencedSecrets(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g)) {
    const name = match[1] ?? match[2];
    if (name && name.toUpperCase() !== 'GITHUB_TOKEN') names.add(name);
  }
  return [...names].sort();
}

/** Bounds the files read, whatever the repository holds (the engine reads at most 50 too). */
const MAX_FILES = 50;
const LOCAL_CALL = /^\s*(?:-\s*)?uses:\s*["']?\.\/(\.github\/workflows\/[^\s"'#]+)/gm;

/**
 * The secrets a run of `workflowFile` may read: its own and those of the local reusable workflows
 * it calls, transitively (a `secrets: inherit` call passes them all on), so they are asked for
 * before the run rather than arriving empty. Unreadable files count as reading nothing.
 */
export function secretsReadBy(workflowFile: string): string[] {
  const root = resolve(dirname(workflowFile), '..', '..');
  const names = new Set<string>();
  const seen = new Set<string>();
  const queue = [resolve(workflowFile)];
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const name of referencedSecrets(text)) names.add(name);
    for (const call of text.matchAll(LOCAL_CALL)) queue.push(join(root, call[1] as string));
  }
  return [...names].sort();
}
