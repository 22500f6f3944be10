/**
 * Azure files a path does not name: YAML files whose content is an Azure pipeline, and every
 * file an Azure file references with `template:` (followed from file to file). Reads only YAML
 * files under a size bound, and parses only those whose text has an Azure root key.
 */
import { existsSync } from 'node:fs';
import { detectKind } from '../detect-kind';
import { parseSource } from '../yaml/source-file';
import { parseTemplateFile } from './templates/tree';
import { templateReferences } from './validate-azure-files';
import { readSmall } from '../read-small';

/** A root key a pipeline or a template of stages, jobs or steps starts with. */
const AZURE_ROOT_KEY = /^(stages|jobs|steps|extends)\s*:/m;

export interface AzureDiscovery {
  /** Absolute paths of YAML files the path did not classify. */
  readonly candidates: readonly string[];
  /** Absolute paths of the files already known to be Azure files (by path). */
  readonly known: readonly string[];
  readonly repositoryRoot: string;
  /** Whether a path may be added (inside the walked folder, not skipped). */
  readonly accept: (path: string) => boolean;
  readonly signal?: AbortSignal;
  /** Repository aliases mapped to local folders (the config's `azure.repositories`). */
  readonly repositories?: Readonly<Record<string, string>>;
}

/** The Azure files found beyond `known`: by content among `candidates`, then by reference. */
export async function discoverAzureFiles(request: AzureDiscovery): Promise<string[]> {
  const texts = new Map<string, string | undefined>();
  const text = async (path: string): Promise<string | undefined> => {
    if (!texts.has(path)) texts.set(path, await readSmall(path));
    return texts.get(path);
  };
  const azure = new Set(request.known);
  const added: string[] = [];
  for (const path of request.candidates) {
    request.signal?.throwIfAborted();
    const content = await text(path);
    if (content === undefined || !AZURE_ROOT_KEY.test(content)) continue;
    // The name is no help here: judge the content alone.
    if (detectKind('sniffed.yml', parseSource(content, path).doc) === 'azure-pipelines') {
      azure.add(path);
      added.push(path);
    }
  }
  const pending = [...azure];
  while (pending.length > 0) {
    request.signal?.throwIfAborted();
    const file = pending.pop() as string;
    const content = await text(file);
    if (content === undefined) continue;
    for (const target of templateReferences(file, parseTemplateFile(file, content).root, request.repositoryRoot, request.repositories, existsSync)) {
      if (azure.has(target) || !request.accept(target) || (await text(target)) === undefined) continue;
      azure.add(target);
      added.push(target);
      pending.push(target);
    }
  }
  return added;
}

/**
 * The files among `files` that one of them references with `template:` (so they are templates,
 * whatever their keys). `repositories`: the config's aliases mapped to local folders.
 */
export async function referencedTemplates(
  files: readonly string[],
  repositoryRoot: string,
  repositories?: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const known = new Set(files);
  const referenced = new Set<string>();
  for (const file of files) {
    signal?.throwIfAborted();
    const content = await readSmall(file);
    if (content === undefined) continue;
    for (const target of templateReferences(file, parseTemplateFile(file, content).root, repositoryRoot, repositories, existsSync))
      if (target !== file && known.has(target)) referenced.add(target);
  }
  return referenced;
}
