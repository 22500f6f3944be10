/**
 * Go to definition in an Azure Pipelines file, pure (files are read through `read`): from a
 * `template:` path to the template, from a `dependsOn` name to the stage or job it names, from
 * `parameters.x` inside `${{ }}` to the parameter's declaration in this file.
 */
import { resolveTemplatePath } from './templates/template-paths';
import { scalarAt, type LocatedAt as Found } from '../yaml/located-at';
import { keyText, parseTemplateFile, scalarText, valueOf, type ANode, type AScalar } from './templates/tree';

export interface AzureDefinitionRequest {
  /** Absolute path of the file. */
  readonly file: string;
  readonly text: string;
  /** The cursor, an offset into `text`. */
  readonly offset: number;
  readonly repositoryRoot: string;
  readonly read: (file: string) => string | undefined;
  /** Repository aliases the project maps to local folders (absolute): `x@alias` opens only these. */
  readonly repositories?: Readonly<Record<string, string>>;
}

/** The target: a file and offsets into its text (a template: its start). */
export interface AzureDefinition {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

export function azureDefinitionAt(request: AzureDefinitionRequest): AzureDefinition | undefined {
  const root = parseTemplateFile(request.file, request.text).root;
  if (!root) return undefined;
  const found = scalarAt(root, request.offset);
  if (!found) return undefined;
  const key = found.path.at(-1)?.key;
  if (!found.isKey && key === 'template') return templateTarget(found.scalar, request);
  if (!found.isKey && key === 'dependsOn') return dependsOnTarget(found, root);
  return parameterTarget(found.scalar, root, request);
}

function templateTarget(scalar: AScalar, request: AzureDefinitionRequest): AzureDefinition | undefined {
  const written = scalarText(scalar);
  if (!written || written.includes('${{')) return undefined;
  const exists = (file: string): boolean => request.read(file) !== undefined;
  const target = resolveTemplatePath(written, request.file, request.repositoryRoot, request.repositories, request.repositoryRoot, exists);
  return target.kind === 'file' && exists(target.file) ? { file: target.file, start: 0, end: 0 } : undefined;
}

/** The stage (or job, in its own stage) a `dependsOn` name names: its `stage:`/`job:` value. */
function dependsOnTarget(found: Found, root: ANode): AzureDefinition | undefined {
  const name = scalarText(found.scalar);
  const holder = found.path.at(-1)?.map;
  if (!name || !holder) return undefined;
  const isStage = valueOf(holder, 'stage') !== undefined;
  const nameKeys = isStage ? ['stage'] : ['job', 'deployment'];
  // Jobs are named within their stage: search the nearest `jobs:` around the one holding dependsOn.
  const scope = [...found.path].reverse().find((step) => step.key === (isStage ? 'stages' : 'jobs'));
  const list = scope ? valueOf(scope.map, scope.key) : root;
  const named = list && findNamed(list, nameKeys, name);
  return named ? { file: named.origin.file, start: named.origin.start, end: named.origin.end } : undefined;
}

/** The first `stage:`/`job:` value equal to `name` under `node` (through `${{ if }}` blocks, not into nested lists of another kind). */
function findNamed(node: ANode, nameKeys: readonly string[], name: string, depth = 0): AScalar | undefined {
  if (depth > 50 || node.kind === 'scalar') return undefined;
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const found = findNamed(item, nameKeys, name, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const entry of node.entries) {
    const key = keyText(entry);
    if (nameKeys.includes(key) && entry.value.kind === 'scalar' && scalarText(entry.value)?.toLowerCase() === name.toLowerCase()) return entry.value;
  }
  for (const entry of node.entries) {
    if (!keyText(entry).startsWith('${{')) continue;
    const found = findNamed(entry.value, nameKeys, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `parameters.x` or `parameters['x']` under the cursor, inside `${{ }}`: its declaration in this file. */
function parameterTarget(scalar: AScalar, root: ANode, request: AzureDefinitionRequest): AzureDefinition | undefined {
  const name = parameterNameAt(request.text, scalar.origin.start, scalar.origin.end, request.offset);
  if (!name) return undefined;
  const declared = valueOf(root, 'parameters');
  if (declared?.kind === 'seq') {
    for (const item of declared.items) {
      const written = valueOf(item, 'name');
      if (written?.kind === 'scalar' && scalarText(written) === name) return { file: request.file, start: written.origin.start, end: written.origin.end };
    }
  }
  // Legacy templates declare `parameters: { name: default }`.
  if (declared?.kind === 'map') {
    const entry = declared.entries.find((candidate) => keyText(candidate) === name);
    if (entry) return { file: request.file, start: entry.key.origin.start, end: entry.key.origin.end };
  }
  return undefined;
}

const PARAMETER = /\bparameters(?:\.([A-Za-z_][\w-]*)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\])/g;

/** The parameter named at `offset` within the text of one scalar, when inside an open `${{`. */
function parameterNameAt(text: string, start: number, end: number, offset: number): string | undefined {
  const written = text.slice(start, end);
  const at = offset - start;
  const opened = written.lastIndexOf('${{', at);
  if (opened < 0 || written.lastIndexOf('}}', at) > opened) return undefined;
  for (const match of written.matchAll(PARAMETER)) {
    const from = match.index;
    if (from > opened && from <= at && at <= from + match[0].length) return match[1] ?? match[2] ?? match[3];
  }
  return undefined;
}
