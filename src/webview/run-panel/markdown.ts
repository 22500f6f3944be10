// A small, safe Markdown subset for GITHUB_STEP_SUMMARY: headings, paragraphs, lists (with task
// boxes), fenced code, block quotes, rules and GitHub tables. It returns a tree of plain data that
// main.ts turns into DOM with el()/textContent; raw HTML stays visible text.
import { parseInline, type MdInline } from './markdown-inline';

export { safeHref, type MdInline } from './markdown-inline';

export type Align = 'left' | 'center' | 'right' | undefined;
export interface MdListItem {
  readonly checked: boolean | undefined;
  readonly children: readonly MdBlock[];
}

export type MdBlock =
  | { readonly kind: 'heading'; readonly level: number; readonly children: readonly MdInline[] }
  | { readonly kind: 'paragraph'; readonly children: readonly MdInline[] }
  | { readonly kind: 'code'; readonly lang: string | undefined; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly MdListItem[] }
  | { readonly kind: 'quote'; readonly children: readonly MdBlock[] }
  | { readonly kind: 'table'; readonly align: readonly Align[]; readonly header: readonly MdInline[][]; readonly rows: readonly MdInline[][][] }
  | { readonly kind: 'rule' };

const MAX_DEPTH = 8;
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/; // the closing #s go in headingText: a regex for them backtracks quadratically
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

const blank = (line: string) => line.trim() === '';
const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0;
const nextFilled = (lines: readonly string[], from: number) => {
  let i = from;
  while (i < lines.length && blank(lines[i] as string)) i++;
  return i;
};
const startsBlock = (line: string) => FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);

/** Table cells: outer pipes dropped, split on pipes that are not escaped. */
export function splitRow(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

const alignOf = (cell: string): Align => {
  const left = cell.trim().startsWith(':');
  const right = cell.trim().endsWith(':');
  return left && right ? 'center' : right ? 'right' : left ? 'left' : undefined;
};

/** Parses Markdown into blocks. */
export function parseMarkdown(text: string): MdBlock[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, '    ')));
  return parseBlocks(lines, 0);
}

function parseBlocks(lines: readonly string[], depth: number): MdBlock[] {
  const blocks: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    let match: RegExpExecArray | null;
    if (blank(line)) i++;
    else if ((match = FENCE.exec(line))) {
      const fence = match[1] as string;
      const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      const body: string[] = [];
      for (i++; i < lines.length && !closing.test(lines[i] as string); i++) body.push(lines[i] as string);
      i++;
      blocks.push({ kind: 'code', lang: match[2] || undefined, text: body.join('\n') });
    } else if ((match = HEADING.exec(line))) {
      blocks.push({ kind: 'heading', level: (match[1] as string).length, children: parseInline(headingText(match[2] ?? '')) });
      i++;
    } else if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
    } else if (QUOTE.test(line)) {
      const inner: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i] as string); i++) inner.push((lines[i] as string).replace(QUOTE, ''));
      blocks.push(
        depth < MAX_DEPTH ? { kind: 'quote', children: parseBlocks(inner, depth + 1) } : { kind: 'paragraph', children: parseInline(inner.join('\n')) },
      );
    } else if (isTableStart(lines, i)) {
      const header = splitRow(line);
      const align = splitRow(lines[i + 1] as string).map(alignOf);
      const rows: MdInline[][][] = [];
      for (i += 2; i < lines.length && !blank(lines[i] as string) && (lines[i] as string).includes('|'); i++) {
        const cells = splitRow(lines[i] as string);
        rows.push(header.map((_, column) => parseInline(cells[column] ?? '')));
      }
      blocks.push({ kind: 'table', align, header: header.map((cell) => parseInline(cell)), rows });
    } else if (ITEM.test(line) && depth < MAX_DEPTH) {
      const [list, next] = parseList(lines, i, depth);
      blocks.push(list);
      i = next;
    } else {
      const text: string[] = [line.trim()];
      for (i++; i < lines.length && !blank(lines[i] as string) && !startsBlock(lines[i] as string) && !isTableStart(lines, i); i++) {
        const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(lines[i] as string);
        if (underline) break;
        text.push((lines[i] as string).trim());
      }
      const setext = /^ {0,3}(=+|-+)[ \t]*$/.exec(lines[i] ?? '');
      if (setext) {
        blocks.push({ kind: 'heading', level: setext[1]?.startsWith('=') ? 1 : 2, children: parseInline(text.join('\n')) });
        i++;
      } else blocks.push({ kind: 'paragraph', children: parseInline(text.join('\n')) });
    }
  }
  return blocks;
}

/** A heading's text without trailing blanks and a closing run of #s (one that follows a blank). */
function headingText(raw: string): string {
  const text = raw.trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  return end < text.length && (text[end - 1] === ' ' || text[end - 1] === '\t') ? text.slice(0, end).trimEnd() : text;
}

function isTableStart(lines: readonly string[], i: number): boolean {
  const head = lines[i];
  const delimiter = lines[i + 1];
  if (head === undefined || delimiter === undefined || !head.includes('|') || !delimiter.includes('-')) return false;
  const cells = splitRow(delimiter);
  return cells.every((cell) => DELIMITER_CELL.test(cell)) && cells.length === splitRow(head).length;
}

/** A list from lines[start]: items of the same kind, each item's indented lines parsed as blocks. */
function parseList(lines: readonly string[], start: number, depth: number): [MdBlock, number] {
  const first = ITEM.exec(lines[start] as string) as RegExpExecArray;
  const ordered = /\d/.test(first[2] as string);
  const items: MdListItem[] = [];
  let i = start;
  while (i < lines.length) {
    const match = ITEM.exec(lines[i] as string);
    if (!match || /\d/.test(match[2] as string) !== ordered) break;
    const gap = (match[3] ?? ' ').length;
    const contentIndent = (match[1] as string).length + (match[2] as string).length + (gap > 4 ? 1 : gap);
    const body: string[] = [match[4] ?? ''];
    for (i++; i < lines.length; i++) {
      const line = lines[i] as string;
      if (blank(line)) {
        const next = nextFilled(lines, i);
        if (next >= lines.length || indentOf(lines[next] as string) < contentIndent) break;
        body.push('');
        i = next - 1;
      } else if (indentOf(line) >= contentIndent) body.push(line.slice(contentIndent));
      else if (!startsBlock(line) && !blank(body[body.length - 1] ?? ''))
        body.push(line.trim()); // lazy continuation
      else break;
    }
    if (ITEM.test(lines[nextFilled(lines, i)] ?? '')) i = nextFilled(lines, i); // blank lines between items
    const task = /^\[([ xX])\][ \t]+/.exec(body[0] as string);
    if (task) body[0] = (body[0] as string).slice(task[0].length);
    items.push({ checked: task ? task[1] !== ' ' : undefined, children: parseBlocks(body, depth + 1) });
  }
  return [{ kind: 'list', ordered, start: ordered ? Number.parseInt(first[2] as string, 10) : 1, items }, i];
}
