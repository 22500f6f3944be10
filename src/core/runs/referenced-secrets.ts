import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadCalledWorkflows } from './reusable-workflows';
import { readWorkflow } from './workflow-model';

/** `secrets.NAME` and `secrets['NAME']` a workflow text reads; GITHUB_TOKEN is GitHub's own. */
export function referencedSecrets(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g)) {
    const name = match[1] ?? match[2];
    if (name && name.toUpperCase() !== 'GITHUB_TOKEN') names.add(name);
  }
  return [...names].sort();
}

const readText = (path: string): Promise<string | undefined> => readFile(path, 'utf8').catch(() => undefined);

/**
 * The secrets a run of `workflowFile` may read: its own and those of the local reusable workflows
 * it calls, transitively (a `secrets: inherit` call passes them all on), so they are asked for
 * before the run rather than arriving empty. Unreadable files count as reading nothing.
 */
export async function secretsReadBy(workflowFile: string): Promise<string[]> {
  const text = await readText(workflowFile);
  if (text === undefined) return [];
  const names = new Set(referencedSecrets(text));
  const read = readWorkflow(text);
  if (read.ok) {
    const root = resolve(dirname(workflowFile), '..', '..');
    const { sources } = await loadCalledWorkflows(read.workflow, (path) => readText(join(root, path)));
    for (const source of sources.values()) for (const name of referencedSecrets(source)) names.add(name);
  }
  return [...names].sort();
}
