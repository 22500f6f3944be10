/**
 * The files a repository's Azure files reference with `template:`, found from the repository's
 * root with the project config (extra globs, repository aliases): the editor validates one file at
 * a time, and a file in this set is a template whatever its keys say (as validateAzureFiles decides
 * for `shipshape lint`). The references themselves are read by discover-azure-files.ts.
 */
import { findPipelineFiles } from '../find-pipeline-files';
import { referencedTemplates as referencedAmong } from './discover-azure-files';

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
  const azure = found.filter((file) => file.kind === 'azure-pipelines').map((file) => file.path);
  return referencedAmong(azure, request.root, request.repositories, request.signal);
}
