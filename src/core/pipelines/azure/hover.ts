/**
 * Hovers in an Azure Pipelines file: a key (what it does, its schema page), a task (`task:
 * Bash@3`: its inputs from the bundled table), a task's input, an expression function (its
 * signature and what it does) and `parameters.x` (its type and default in this file). Pure over
 * the text; one parse.
 */
import type { HoverInfo } from '../hover';
import { IN_BOX_TASKS } from './checks/azure-tasks-data';
import { azureFunction, type AzureFunctionInfo } from './expressions/functions';
import { AZURE_EXPRESSIONS_URL, AZURE_PARAMETERS_URL, AZURE_SCHEMA_URL, AZURE_TASKS_URL, azureKeyDoc, type AzurePlace } from './hover-docs';
import { STEP_KINDS } from './pipeline-model';
import { readDeclarations } from './templates/parameters';
import { entryOf, keyText, parseTemplateFile, scalarText, valueOf, type AMap, type ANode, type AScalar } from './templates/tree';

type Step = { readonly map: AMap; readonly key: string } | { readonly index: number };

interface Hit {
  readonly node: AScalar;
  readonly isKey: boolean;
  /** The map the key is in (or the value belongs to). */
  readonly map: AMap | undefined;
  /** The way from the root to that map. */
  readonly chain: readonly Step[];
}

const within = (node: ANode, offset: number): boolean => offset >= node.origin.start && offset <= node.origin.end;

function locate(node: ANode, offset: number, chain: Step[], depth = 0): Hit | undefined {
  if (depth > 100) return undefined;
  if (node.kind === 'scalar') return within(node, offset) ? { node, isKey: false, map: undefined, chain } : undefined;
  if (node.kind === 'seq') {
    const index = node.items.findIndex((item) => within(item, offset));
    const item = node.items[index];
    return item ? locate(item, offset, [...chain, { index }], depth + 1) : undefined;
  }
  for (const entry of node.entries) {
    if (within(entry.key, offset)) return { node: entry.key, isKey: true, map: node, chain };
    if (within(entry.value, offset)) {
      if (entry.value.kind === 'scalar') return { node: entry.value, isKey: false, map: node, chain };
      return locate(entry.value, offset, [...chain, { map: node, key: keyText(entry) }], depth + 1);
    }
  }
  return undefined;
}

/** Which place a mapping is, from the list holding it and its own keys. */
function placeOf(map: AMap, chain: readonly Step[]): AzurePlace | undefined {
  if (chain.length === 0) return 'pipeline';
  if (entryOf(map, 'template')) return 'template';
  const last = chain[chain.length - 1];
  const holder = chain[chain.length - 2];
  if (!last || !('index' in last) || !holder || !('key' in holder)) return undefined;
  if (holder.key === 'stages') return 'stage';
  if (holder.key === 'jobs') return entryOf(map, 'deployment') ? 'deployment' : 'job';
  if (holder.key === 'steps' || STEP_KINDS.some((kind) => kind !== 'template' && entryOf(map, kind))) return 'step';
  return undefined;
}

const link = (text: string, url: string): string => `[${text}](${url})`;

/** `Bash@3` → its reference page (`bash-v3`), for in-box tasks. */
const taskPage = (name: string, major: string): string => `${AZURE_TASKS_URL}${name.toLowerCase()}-v${major}`;

function taskHover(reference: string): string {
  const match = /^([\w.-]+)@(\d+)$/.exec(reference.trim());
  if (!match) return `**${reference}**\n\nA task is written \`Name@major\` (for example \`Bash@3\`).`;
  const [, name = '', major = ''] = match;
  const task = IN_BOX_TASKS[`${name.toLowerCase()}@${major}`];
  if (!task) {
    const majors = Object.keys(IN_BOX_TASKS)
      .filter((key) => key.startsWith(`${name.toLowerCase()}@`))
      .map((key) => key.split('@')[1]);
    const known = majors.length ? ` Shipshape knows major${majors.length > 1 ? 's' : ''} ${majors.join(', ')} of ${name}.` : '';
    return `**${name}**, major version ${major}\n\nNot in Shipshape's table of in-box tasks: its inputs are not checked.${known}`;
  }
  return [
    `**${name}**, major version ${major}`,
    // Each input with its aliases (Azure accepts either name).
    `Inputs: ${task.inputs.map(([input, ...aliases]) => `\`${input}\`${aliases.length ? ` (${aliases.map((alias) => `\`${alias}\``).join(', ')})` : ''}`).join(', ')}`,
    ...(task.deprecated !== undefined ? [`Deprecated.${task.deprecated ? ` ${task.deprecated}` : ''}`] : []),
    link('Task reference', taskPage(name, major)),
  ].join('\n\n');
}

function inputHover(step: AMap, input: string): string | undefined {
  const reference = scalarText(valueOf(step, 'task'));
  const match = reference ? /^([\w.-]+)@(\d+)$/.exec(reference.trim()) : null;
  if (!reference || !match) return undefined;
  const [, name = '', major = ''] = match;
  const task = IN_BOX_TASKS[`${name.toLowerCase()}@${major}`];
  if (!task) return `Input \`${input}\` of ${reference} (a task Shipshape does not know: not checked).`;
  const known = task.inputs.flat().find((candidate) => candidate.toLowerCase() === input.toLowerCase());
  return [known ? `Input \`${known}\` of **${reference}**` : `**${reference}** has no input \`${input}\``, link('Task reference', taskPage(name, major))].join(
    '\n\n',
  );
}

function signature(info: AzureFunctionInfo): string {
  const names = ['a', 'b', 'c'];
  const fixed = Array.from({ length: Math.min(info.min, 3) }, (_, index) => names[index]);
  const optional =
    info.max === Infinity ? ['...'] : Array.from({ length: Math.max(0, info.max - info.min) }, (_, index) => `${names[info.min + index] ?? 'x'}?`);
  return `${info.name}(${[...fixed, ...optional].join(', ')})`;
}

const EXPRESSION = /\$\{\{|\$\[/;

/** The word (dotted path) at `offset` in the line, with its absolute start. */
function wordAt(text: string, offset: number): { word: string; start: number; after: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd);
  for (const match of line.matchAll(/[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*/g)) {
    const start = lineStart + match.index;
    if (offset >= start && offset <= start + match[0].length) return { word: match[0], start, after: line.slice(match.index + match[0].length).trimStart() };
  }
  return undefined;
}

function parameterHover(root: ANode | undefined, name: string): string {
  const { declarations } = readDeclarations(valueOf(root, 'parameters'));
  const declaration = declarations.list.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (!declaration) return `\`parameters.${name}\`\n\nNot declared in this file's \`parameters\`.`;
  const shown = (node: ANode | undefined): string =>
    node === undefined
      ? ''
      : node.kind === 'scalar'
        ? node.value === null
          ? 'null'
          : JSON.stringify(node.value)
        : node.kind === 'seq'
          ? 'a list'
          : 'a mapping';
  const lines = [`\`parameters.${declaration.name}\`: ${declarations.typed ? `type \`${declaration.type}\`` : 'untyped (legacy form)'}`];
  lines.push(declaration.default ? `Default: \`${shown(declaration.default)}\`` : 'Required: no default, every caller must give it.');
  if (declaration.values?.length) lines.push(`Allowed: ${declaration.values.map((value) => `\`${shown(value)}\``).join(', ')}`);
  lines.push(link('Template parameters', AZURE_PARAMETERS_URL));
  return lines.join('\n\n');
}

/** What to show when hovering at `offset` of an Azure Pipelines file, or undefined. */
export function azureHoverAt(text: string, offset: number): HoverInfo | undefined {
  const { root } = parseTemplateFile('', text);
  if (!root) return undefined;
  const hit = locate(root, offset, []);
  if (!hit) return undefined;
  const span: [number, number] = [hit.node.origin.start, hit.node.origin.end];
  if (hit.isKey && hit.map) {
    const key = String(hit.node.value);
    const parent = hit.chain[hit.chain.length - 1];
    if (parent && 'key' in parent && parent.key === 'inputs' && entryOf(parent.map, 'task')) {
      const contents = inputHover(parent.map, key);
      return contents ? { contents, span } : undefined;
    }
    const place = placeOf(hit.map, hit.chain);
    const doc = place ? azureKeyDoc(place, key) : undefined;
    return doc ? { contents: `**${key}**\n\n${doc.doc}\n\n${link('Azure Pipelines YAML schema', `${AZURE_SCHEMA_URL}${doc.page}`)}`, span } : undefined;
  }
  const value = typeof hit.node.value === 'string' ? hit.node.value : undefined;
  if (value === undefined) return undefined;
  if (hit.map && !EXPRESSION.test(value)) {
    const entry = hit.map.entries.find((candidate) => candidate.value === hit.node);
    if (entry && keyText(entry) === 'task') return { contents: taskHover(value), span };
  }
  // Inside an expression: `${{ }}`, `$[ ]`, or a condition (an expression whole).
  const entry = hit.map?.entries.find((candidate) => candidate.value === hit.node);
  if (!EXPRESSION.test(value) && !(entry && keyText(entry) === 'condition')) return undefined;
  const word = wordAt(text, offset);
  if (!word) return undefined;
  const parameter = /^parameters\.([\w-]+)/.exec(word.word);
  if (parameter?.[1] && offset > word.start + 'parameters'.length) {
    return { contents: parameterHover(root, parameter[1]), span: [word.start, word.start + 'parameters.'.length + parameter[1].length] };
  }
  const info = word.after.startsWith('(') ? azureFunction(word.word) : undefined;
  if (!info) return undefined;
  return {
    contents: `\`${signature(info)}\`\n\n${info.doc}${info.runtimeOnly ? ' Only at run time (`$[ ]`, `condition:`).' : ''}\n\n${link('Expressions', `${AZURE_EXPRESSIONS_URL}#${info.name.toLowerCase()}`)}`,
    span: [word.start, word.start + word.word.length],
  };
}
