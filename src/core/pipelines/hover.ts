import type { Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml/identity';
import { scalarText } from './yaml/nodes';
import { CONTEXT_DOCS, FUNCTION_DOCS } from './expressions/context-docs';
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

/** What to show when hovering at `offset`: a key's documentation, or a context/function inside `${{ }}`. */
export function hoverAt(text: string, kind: PipelineKind, offset: number): HoverInfo | undefined {
  const schema = SCHEMA_FOR[kind];
  if (!schema) return undefined;
  const source = parseSource(text, '');
  const hit = findAt(source, offset);
  if (!hit) return undefined;
  if (hit.isKey) {
    const description = describeSchemaPath(schema, hit.path);
    return description ? { contents: `**${String(hit.path[hit.path.length - 1])}**\n\n${description}`, span: hit.span } : undefined;
  }
  return expressionHover(hit.node, offset);
}

function expressionHover(node: Scalar, offset: number): HoverInfo | undefined {
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
    const doc =
      after.startsWith('(') && chosen === segments.length
        ? FUNCTION_DOCS[path.toLowerCase()]
        : (CONTEXT_DOCS[path.toLowerCase()] ?? (chosen === 1 ? undefined : CONTEXT_DOCS[segments[0]?.toLowerCase() ?? '']));
    if (!doc) return undefined;
    const start = valueStart + part.innerStart + match.index;
    return { contents: `\`${path}\`\n\n${doc}`, span: [start, start + path.length] };
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
