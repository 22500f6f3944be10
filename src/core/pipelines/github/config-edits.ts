import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { isMap, isSeq } from '../yaml/identity';
import { CONFIG_PATH } from '../config';
import type { Fix } from '../finding';

/**
 * A fix that adds a runner label to `.github/shipshape.yaml` (or the actionlint config in use): creates the
 * file, or appends to its `self-hosted-runner.labels` list (block or flow
 * style), or adds the section. Undefined when the file's shape is unusual.
 */
export function addRunnerLabelFix(root: string, label: string, existing: string | undefined, path: string = CONFIG_PATH): Fix | undefined {
  const file = join(root, path);
  const title = `Add "${label}" to self-hosted-runner.labels in ${path}`;
  const quoted = /^[\w.-]+$/.test(label) ? label : JSON.stringify(label);
  if (existing === undefined)
    return {
      title,
      file,
      edits: [],
      createWith: `# Shipshape's configuration (see the README's "Configuration" section).\nself-hosted-runner:\n  labels:\n    - ${quoted}\n`,
    };

  const lineCounter = new LineCounter();
  const doc = parseDocument(existing, { lineCounter });
  if (doc.errors.length > 0) return undefined;
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const end = position(existing.length);
  const atEnd = (text: string): Fix => ({
    title,
    file,
    edits: [{ range: { start: end, end }, newText: `${existing.endsWith('\n') || existing === '' ? '' : '\n'}${text}` }],
  });

  const root_ = doc.contents;
  if (root_ === null || root_ === undefined) return atEnd(`self-hosted-runner:\n  labels:\n    - ${quoted}\n`);
  if (!isMap(root_)) return undefined;
  const runner = root_.get('self-hosted-runner', true);
  if (runner === undefined) return atEnd(`self-hosted-runner:\n  labels:\n    - ${quoted}\n`);
  if (!isMap(runner)) return undefined;
  const labels = runner.get('labels', true);
  if (!isSeq(labels) || !labels.range) return undefined;
  if (labels.flow) {
    const close = labels.range[1] - 1; // the "]"
    const at = position(close);
    return { title, file, edits: [{ range: { start: at, end: at }, newText: `${labels.items.length ? ', ' : ''}${quoted}` }] };
  }
  const last = labels.items[labels.items.length - 1] as { range?: [number, number, number] } | undefined;
  if (!last?.range) return undefined;
  const lastLine = position(last.range[0]).line;
  const lineStart = lineCounter.lineStarts[lastLine - 1] ?? 0;
  const indent = /^\s*/.exec(existing.slice(lineStart))?.[0] ?? '    ';
  const nextLineStart = lineCounter.lineStarts[lastLine] ?? existing.length;
  const at = position(nextLineStart);
  const newline = nextLineStart === existing.length && !existing.endsWith('\n') ? '\n' : '';
  return { title, file, edits: [{ range: { start: at, end: at }, newText: `${newline}${indent}- ${quoted}\n` }] };
}
