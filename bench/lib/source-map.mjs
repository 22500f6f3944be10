// Just enough of the source map format (v3, VLQ mappings) to turn a position
// in esbuild's bundle back into the TypeScript file and line it came from.
import { readFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Returns `lookup(line0, column0)` -> { source, line } (1-based line) or undefined. */
export function loadSourceMap(mapPath) {
  const map = JSON.parse(readFileSync(mapPath, 'utf8'));
  const lines = []; // per generated line: [generatedColumn, sourceIndex, originalLine0][]
  let sourceIndex = 0;
  let originalLine = 0; // the original column (field 4) is not needed: lines are enough
  for (const lineText of map.mappings.split(';')) {
    const segments = [];
    let generatedColumn = 0;
    for (const segment of lineText.split(',')) {
      if (segment === '') continue;
      const fields = decodeSegment(segment);
      generatedColumn += fields[0] ?? 0;
      if (fields.length >= 4) {
        sourceIndex += fields[1] ?? 0;
        originalLine += fields[2] ?? 0;
        segments.push([generatedColumn, sourceIndex, originalLine]);
      }
    }
    lines.push(segments);
  }
  return (line0, column0) => {
    const segments = lines[line0] ?? [];
    let found;
    for (const segment of segments) {
      if (segment[0] > column0) break;
      found = segment;
    }
    found ??= segments[0];
    return found ? { source: map.sources[found[1]], line: found[2] + 1 } : undefined;
  };
}
