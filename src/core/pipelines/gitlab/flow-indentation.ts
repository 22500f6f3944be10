/**
 * GitLab reads YAML with libyaml, which ignores indentation inside a flow collection (`[...]`,
 * `{...}`): a closing bracket or an item less indented than its key is fine there, while the `yaml`
 * library refuses it (BAD_INDENT). Such a line is joined to the one before it, which is what flow
 * context makes of a line break anyway, by turning the line break into a space: every offset stays
 * where it was, so findings still point at the text a person wrote.
 */
import { parseAllDocuments } from 'yaml';
import { PARSE_OPTIONS } from '../yaml/source-file';

const FLOW_INDENT = /^Flow (sequence|map|mapping) in block collection must be sufficiently indented/;
/** Each repair fixes one line and parses again: a file is repaired at most this often, and only when it is small. */
const MAX_REPAIRS = 50;
const MAX_REPAIRED_LENGTH = 256 * 1024;

export interface FlowReading {
  /** The text to parse: the same length as the original. */
  readonly text: string;
  /** Offsets of the lines libyaml accepts and the YAML spec does not. */
  readonly relaxed: readonly number[];
}

const firstFlowIndentError = (text: string): number | undefined => {
  for (const doc of parseAllDocuments(text, { ...PARSE_OPTIONS, customTags: [] }) as unknown as {
    errors: { code: string; message: string; pos: [number, number] }[];
  }[])
    for (const error of doc.errors) if (error.code === 'BAD_INDENT' && FLOW_INDENT.test(error.message)) return error.pos[0];
  return undefined;
};

/** Where a comment starts on a line (a `#` at its start or after whitespace, outside quotes), or -1. */
function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return i;
  }
  return -1;
}

/** The text as libyaml reads its flow collections; `text` itself when nothing needs it (the usual case). */
export function readFlowAsLibyaml(text: string, firstError: number | undefined): FlowReading {
  if (firstError === undefined || text.length > MAX_REPAIRED_LENGTH) return { text, relaxed: [] };
  const chars = text.split('');
  const relaxed: number[] = [];
  let at: number | undefined = firstError;
  let current = text;
  while (at !== undefined && relaxed.length < MAX_REPAIRS) {
    const lineBreak = current.lastIndexOf('\n', at - 1);
    if (lineBreak < 0 || current.slice(lineBreak + 1, at).trim() !== '') break;
    chars[lineBreak] = ' ';
    if (chars[lineBreak - 1] === '\r') chars[lineBreak - 1] = ' ';
    // A comment on the line before would swallow the joined line: it is blanked (comments mean nothing to GitLab).
    const previousStart = current.lastIndexOf('\n', lineBreak - 1) + 1;
    const comment = commentStart(current.slice(previousStart, lineBreak));
    if (comment >= 0) for (let i = previousStart + comment; i < lineBreak; i++) if (chars[i] !== '\r') chars[i] = ' ';
    relaxed.push(at);
    current = chars.join('');
    at = firstFlowIndentError(current);
  }
  return at === undefined ? { text: current, relaxed } : { text, relaxed: [] };
}
