/**
 * The files a repository's Azure files reference with `template:`: the editor validates one file at
 * a time, and a file in this set is a template whatever its keys say (as validateAzureFiles decides
 * for `shipshape lint`). Reads only the Azure files the walk finds.
 */
import { existsSync } from 'node:fs';
import { findPipelineFiles } from '../find-pipeline-files';
import { pipelineFileInput } from '../pipeline-file-input';
import { parseTemplateFile } from './templates/tree';
import { templateReferences } from './validate-azure-files';

export interface ReferencedTemplatesRequest {
  readonly root: string;
  /** The config's `azure.files` globs. */
  readonly files?: readonly string[];
  /** The config's repository aliases, absolute. */
  readonly repositories?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export async function referencedTemplates(request: ReferencedTemplatesRequest): Promise<Set<string>> {
  const found = await findPipelineFiles(request.root, {
    ...(request.files ? { azureFiles: request.files } : {}),
    ...(request.repositories ? { azureRepositories: request.repositories } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  const referenced = new Set<string>();
  for (const file of found) {
    if (file.kind !== 'azure-pipelines') continue;
    request.signal?.throwIfAborted();
    // Size and type first: a huge file or a device is not read.
    const input = await pipelineFileInput(file.path);
    if (input.status !== 'text') continue;
    const root = parseTemplateFile(file.path, input.text).root;
    for (const target of templateReferences(file.path, root, request.root, request.repositories, existsSync)) if (target !== file.path) referenced.add(target);
  }
  return referenced;
}
