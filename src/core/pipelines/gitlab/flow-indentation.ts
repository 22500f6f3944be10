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

const MISSING_QUOTE = /^Missing closing ['"]quote/;

interface LenientError {
  readonly at: number;
  /** A quoted text whose next line is less indented than YAML wants: the error is at the line break itself. */
  readonly quoted: boolean;
}

/** The first error libyaml would not make: a flow collection's or a quoted text's line less indented than YAML wants. */
export function firstLenientError(errors: readonly { code: string; message: string; pos: [number, number] }[]): LenientError | undefined {
  for (const error of errors) {
    if (error.code === 'BAD_INDENT' && FLOW_INDENT.test(error.message)) return { at: error.pos[0], quoted: false };
    if (error.code === 'MISSING_CHAR' && MISSING_QUOTE.test(error.message)) return { at: error.pos[0], quoted: true };
  }
  return undefined;
}

const firstError = (text: string): LenientError | undefined => {
  for (const doc of parseAllDocuments(text, { ...PARSE_OPTIONS, customTags: [] }) as unknown as {
    errors: { code: string; message: string; pos: [number, number] }[];
  }[]) {
    const found = firstLenientError(doc.errors);
    if (found) return found;
  }
  return undefined;
};

/**
 * The line break a repair turns into a space: the one before the flow line, or the one a quoted
 * text stopped at (unless the next line is a document marker, where libyaml stops too).
 */
function breakToJoin(text: string, error: LenientError): number | undefined {
  if (error.quoted) {
    const lineBreak = text[error.at] === '\r' && text[error.at + 1] === '\n' ? error.at + 1 : error.at;
    if (text[lineBreak] !== '\n' || /^(?:---|\.\.\.)(?:\s|$)/.test(text.slice(lineBreak + 1, lineBreak + 5))) return undefined;
    return lineBreak;
  }
  const lineBreak = text.lastIndexOf('\n', error.at - 1);
  return lineBreak < 0 || text.slice(lineBreak + 1, error.at).trim() !== '' ? undefined : lineBreak;
}

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

/** The text as libyaml reads its flow collections and quoted texts; `text` itself when nothing needs it (the usual case). */
export function readFlowAsLibyaml(text: string, first: LenientError | undefined): FlowReading {
  if (first === undefined || text.length > MAX_REPAIRED_LENGTH) return { text, relaxed: [] };
  const chars = text.split('');
  const relaxed: number[] = [];
  let error: LenientError | undefined = first;
  let current = text;
  while (error !== undefined && relaxed.length < MAX_REPAIRS) {
    const lineBreak = breakToJoin(current, error);
    if (lineBreak === undefined) break;
    chars[lineBreak] = ' ';
    if (chars[lineBreak - 1] === '\r') chars[lineBreak - 1] = ' ';
    if (!error.quoted) {
      // A comment on the line before would swallow the joined line: it is blanked (comments mean nothing to GitLab).
      const previousStart = current.lastIndexOf('\n', lineBreak - 1) + 1;
      const comment = commentStart(current.slice(previousStart, lineBreak));
      if (comment >= 0) for (let i = previousStart + comment; i < lineBreak; i++) if (chars[i] !== '\r') chars[i] = ' ';
    }
    relaxed.push(error.quoted ? lineBreak + 1 : error.at);
    current = chars.join('');
    error = firstError(current);
  }
  return error === undefined ? { text: current, relaxed } : { text, relaxed: [] };
}
