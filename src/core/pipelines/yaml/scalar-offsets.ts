import { Scalar } from 'yaml';
import type { SourceFile } from './source-file';

/**
 * Where a piece of a scalar's value stands in the file. Block literals (`|`)
 * map line by line exactly; other styles find the piece in the raw source
 * (the k-th occurrence, matching its order in the value); failing that, the
 * whole scalar.
 */
export function locateInScalar(source: SourceFile, node: Scalar, valueStart: number, valueEnd: number): [number, number] {
  const range = node.range;
  if (!range) return [0, 0];
  const value = typeof node.value === 'string' ? node.value : String(node.value);
  const raw = source.text.slice(range[0], range[1]);

  if (node.type === Scalar.BLOCK_LITERAL) {
    const exact = blockLiteralOffset(source, range[0], value, valueStart);
    const end = blockLiteralOffset(source, range[0], value, valueEnd);
    if (exact !== undefined && end !== undefined) return [exact, Math.max(exact, end)];
  }
  if (raw === value) return [range[0] + valueStart, range[0] + valueEnd];
  if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && raw.slice(1, -1) === value)
    return [range[0] + 1 + valueStart, range[0] + 1 + valueEnd];

  const piece = value.slice(valueStart, valueEnd);
  if (piece.length > 0) {
    let occurrence = 0;
    for (let at = value.indexOf(piece); at >= 0 && at < valueStart; at = value.indexOf(piece, at + 1)) occurrence++;
    let found = -1;
    for (let at = raw.indexOf(piece), seen = 0; at >= 0; at = raw.indexOf(piece, at + 1), seen++) {
      found = at;
      if (seen === occurrence) break;
    }
    if (found >= 0) return [range[0] + found, range[0] + found + piece.length];
  }
  return [range[0], range[1]];
}

function blockLiteralOffset(source: SourceFile, headerOffset: number, value: string, valueOffset: number): number | undefined {
  const headerLine = source.positionAt(headerOffset).line; // 1-based
  const before = value.slice(0, valueOffset);
  const lineIndex = before.split('\n').length - 1;
  const column = valueOffset - (before.lastIndexOf('\n') + 1);
  const indent = blockIndent(source, headerLine);
  const lineStart = source.lineStarts[headerLine + lineIndex]; // 0-based index of the content line
  if (indent === undefined || lineStart === undefined) return undefined;
  return lineStart + indent + column;
}

/** The indentation of a block scalar's content: that of its first non-blank line. */
function blockIndent(source: SourceFile, headerLine: number): number | undefined {
  for (let line = headerLine; line < source.lineStarts.length; line++) {
    const start = source.lineStarts[line] ?? 0;
    const end = source.lineStarts[line + 1] ?? source.text.length;
    const text = source.text.slice(start, end).replace(/\r?\n$/, '');
    if (text.trim() !== '') return text.length - text.trimStart().length;
  }
  return undefined;
}
