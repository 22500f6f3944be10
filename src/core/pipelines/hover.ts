import type { Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml/identity';
import { scalarText } from './yaml/nodes';
import { describeContextPath, describeFunction, type ContextPathDoc } from './expressions/context-docs';
import { ACTION_SECTIONS, docsAnchor, docsSection, METADATA_SYNTAX_URL, WORKFLOW_SECTIONS, WORKFLOW_SYNTAX_URL } from './github/data/docs-sections';
import { extractExpressions } from './expressions';
import type { PipelineKind } from './pipeline-kind';
import { describeSchemaPath } from './schema/schema-docs';
import { parseSource, type SourceFile } from './yaml/source-file';

export interface HoverInfo {
  /** Markdown. */
  readonly contents: string;
  /** Absolute [start, end) offsets of what the hover is about. */
  readonly span: readonly [number, number];
}

const SCHEMA_FOR: Partial<Record<PipelineKind, 'github-workflow' | 'github-action'>> = {
  'github-workflow': 'github-workflow',
  'github-action': 'github-action',
};

/** The page and section headings that document each kind's keys. */
const DOCS_FOR: Partial<Record<PipelineKind, { url: string; sections: readonly string[] }>> = {
  'github-workflow': { url: WORKFLOW_SYNTAX_URL, sections: WORKFLOW_SECTIONS },
  'github-action': { url: METADATA_SYNTAX_URL, sections: ACTION_SECTIONS },
};

const docsLink = (url: string) => `[GitHub docs](${url})`;

/** What to show when hovering at `offset`: a key's documentation, or a context/function inside `${{ }}`. */
export function hoverAt(text: string, kind: PipelineKind, offset: number): HoverInfo | undefined {
  const schema = SCHEMA_FOR[kind];
  if (!schema) return undefined;
  const source = parseSource(text, '');
  const hit = findAt(source, offset);
  if (!hit) return undefined;
  if (hit.isKey) {
    const description = describeSchemaPath(schema, hit.path);
    if (!description) return undefined;
    const docs = DOCS_FOR[kind];
    const section = docs ? docsSection(docs.sections, hit.path) : undefined;
    const link = docs && section ? `\n\n${docsLink(`${docs.url}#${docsAnchor(section)}`)}` : '';
    return { contents: `**${String(hit.path[hit.path.length - 1])}**\n\n${description}${link}`, span: hit.span };
  }
  return expressionHover(hit.node, offset, kind === 'github-workflow' ? workflowEvents(source) : undefined);
}

/** The events a workflow's `on:` names (a string, a list or a map's keys). */
function workflowEvents(source: SourceFile): readonly string[] | undefined {
  const root = source.doc.contents;
  if (!isMap(root)) return undefined;
  const on = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'on')?.value;
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.flatMap((item) => (isScalar(item) ? [String(item.value)] : []));
  if (isMap(on)) return on.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
  return undefined;
}

/** A context path's hover: what it is (or its nearest documented ancestor), the events that send it, the link. */
function contextHover(path: string, doc: ContextPathDoc, listened: readonly string[] | undefined): string {
  const lines = [`\`${path}\``, doc.exact ? doc.doc : `Not documented here; nearest documented: \`${doc.path}\`: ${doc.doc}`];
  if (doc.events?.length) {
    const sent = listened?.filter((event) => doc.events?.includes(event)) ?? [];
    const note =
      listened === undefined
        ? ''
        : sent.length
          ? ` This workflow listens for ${sent.join(', ')}.`
          : ' None of the events this workflow listens for sends it: it is empty here.';
    lines.push(`In the payload of: ${doc.events.join(', ')}.${note}`);
  }
  if (doc.untrusted) lines.push('Untrusted input: pass it to scripts through env:, not inside run:.');
  lines.push(docsLink(doc.link));
  return lines.join('\n\n');
}

function expressionHover(node: Scalar, offset: number, listened: readonly string[] | undefined): HoverInfo | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const raw = node.value;
  // Positions inside the value: exact for plain and block scalars on the hovered line.
  const valueStart = node.range[0] + (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0);
  const local = offset - valueStart;
  const part = extractExpressions(raw).find((candidate) => candidate.innerStart <= local && local <= candidate.end);
  if (!part) return undefined;
  const inner = local - part.innerStart;
  const words = /[A-Za-z_][\w-]*(?:\.(?:[A-Za-z_][\w-]*|\*))*/g;
  for (const match of part.source.matchAll(words)) {
    if (inner < match.index || inner > match.index + match[0].length) continue;
    const segments = match[0].split('.');
    // The path up to the hovered segment.
    let upto = 0;
    let chosen = segments.length;
    for (let i = 0; i < segments.length; i++) {
      upto += (i ? 1 : 0) + (segments[i]?.length ?? 0);
      if (inner <= match.index + upto) {
        chosen = i + 1;
        break;
      }
    }
    const path = segments.slice(0, chosen).join('.');
    const after = part.source.slice(match.index + match[0].length).trimStart();
    const start = valueStart + part.innerStart + match.index;
    const span: [number, number] = [start, start + path.length];
    if (after.startsWith('(') && chosen === segments.length) {
      const fn = describeFunction(path);
      return fn ? { contents: `\`${path}\`\n\n${fn.doc}\n\n${docsLink(fn.link)}`, span } : undefined;
    }
    const doc = describeContextPath(path);
    return doc ? { contents: contextHover(path, doc, listened), span } : undefined;
  }
  return undefined;
}

interface Hit {
  readonly node: Scalar;
  readonly isKey: boolean;
  readonly path: (string | number)[];
  readonly span: [number, number];
}

/** The scalar (key or value) under `offset`, with its path from the root. */
function findAt(source: SourceFile, offset: number): Hit | undefined {
  let node: unknown = source.doc.contents;
  const path: (string | number)[] = [];
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && (contains(item.key, offset, true) || contains(item.value, offset, false)));
      if (!pair || !isPair(pair) || !isScalar(pair.key)) return undefined;
      const key = scalarText(pair.key);
      if (contains(pair.key, offset, true) && pair.key.range)
        return { node: pair.key, isKey: true, path: [...path, key], span: [pair.key.range[0], pair.key.range[1]] };
      path.push(key);
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset, false));
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index];
    } else if (isScalar(node) && node.range) {
      return { node, isKey: false, path, span: [node.range[0], node.range[1]] };
    } else {
      return undefined;
    }
  }
  return undefined;
}

function contains(node: unknown, offset: number, inclusiveEnd: boolean): boolean {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (!range) return false;
  return offset >= range[0] && (inclusiveEnd ? offset <= range[1] : offset < Math.max(range[1], range[2]));
}
