/**
 * Checks a set of Azure Pipelines files together, as a repository holds them: files another one
 * references with `template:` are templates (checked through each pipeline that uses them, and
 * on their own with their parameters unknown); the others are pipelines. Every finding is filed
 * under the file a person wrote it in. Pure: files are read through `read`.
 */
import { relative } from 'node:path';
import type { AzureCheckFinding } from './checks/graph';
import type { CustomTasks } from './checks/tasks';
import { azureRole, type AzureRole } from './roles';
import { resolveTemplatePath } from './templates/template-paths';
import { keyText, type ANode } from './templates/tree';
import { parsedTemplateFile } from './templates/parse-cache';
import { extendedTemplates } from './checks/extended-templates';
import { validateAzurePipeline } from './validate-azure';

export interface AzureFilesRequest {
  /** Absolute paths of the Azure files to check. */
  readonly files: readonly string[];
  readonly repositoryRoot: string;
  readonly read: (file: string) => string | undefined;
  readonly repositories?: Readonly<Record<string, string>>;
  /** The project's custom tasks (config `azure.tasks`). */
  readonly tasks?: CustomTasks;
}

export interface AzureFilesResult {
  readonly roles: ReadonlyMap<string, AzureRole>;
  /** Findings by the file they are in (absolute path); files without findings may be absent. */
  readonly findings: ReadonlyMap<string, readonly AzureCheckFinding[]>;
}

/** The files a file references with a literal `template:` path (no expression in it). */
export function templateReferences(
  file: string,
  root: ANode | undefined,
  repositoryRoot: string,
  repositories?: Readonly<Record<string, string>>,
  exists?: (file: string) => boolean,
): string[] {
  const found: string[] = [];
  const visit = (node: ANode, depth: number): void => {
    if (depth > 100) return;
    if (node.kind === 'seq') for (const item of node.items) visit(item, depth + 1);
    if (node.kind !== 'map') return;
    for (const entry of node.entries) {
      if (keyText(entry) === 'template' && entry.value.kind === 'scalar' && typeof entry.value.value === 'string' && !entry.value.value.includes('${{')) {
        const target = resolveTemplatePath(entry.value.value, file, repositoryRoot, repositories, repositoryRoot, exists);
        if (target.kind === 'file') found.push(target.file);
      } else visit(entry.value, depth + 1);
    }
  };
  if (root) visit(root, 0);
  return found;
}

export function validateAzureFiles(request: AzureFilesRequest): AzureFilesResult {
  const roots = new Map<string, ANode | undefined>();
  const referenced = new Set<string>();
  // Every pipeline reads the same templates (and probes the same missing ones): each file is read once per check.
  const texts = new Map<string, string | undefined>();
  const read = (path: string): string | undefined => {
    if (texts.has(path)) return texts.get(path);
    const text = request.read(path);
    texts.set(path, text);
    return text;
  };
  const exists = (path: string): boolean => read(path) !== undefined;
  for (const file of request.files) {
    const text = read(file);
    if (text === undefined) continue;
    const root = parsedTemplateFile(file, text).root;
    roots.set(file, root);
    for (const target of templateReferences(file, root, request.repositoryRoot, request.repositories, exists)) if (target !== file) referenced.add(target);
  }
  const extended = extendedTemplates(roots, referenced, request.repositoryRoot, request.repositories);
  const roles = new Map<string, AzureRole>();
  const findings = new Map<string, AzureCheckFinding[]>();
  const seen = new Set<string>();
  const add = (finding: AzureCheckFinding): void => {
    const key = `${finding.origin.file}\0${finding.origin.start}\0${finding.rule}\0${finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = findings.get(finding.origin.file) ?? [];
    list.push(finding);
    findings.set(finding.origin.file, list);
  };
  // Pipelines first: a template's problems found through a pipeline carry the "via" chain.
  const ordered = [...roots.keys()].sort((a, b) => Number(referenced.has(a)) - Number(referenced.has(b)));
  for (const file of ordered) {
    const role = azureRole(roots.get(file), referenced.has(file), relative(request.repositoryRoot, file));
    roles.set(file, role);
    const result = validateAzurePipeline({
      file,
      repositoryRoot: request.repositoryRoot,
      read,
      ...(request.repositories ? { repositories: request.repositories } : {}),
      ...(request.tasks ? { tasks: request.tasks } : {}),
      template: role !== 'pipeline',
      role,
      extended: role !== 'pipeline' && extended.has(file),
    });
    for (const finding of result.findings) add(finding);
  }
  return { roles, findings };
}
