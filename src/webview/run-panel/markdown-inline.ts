// The inline part of the summary Markdown subset: code spans, strong/emphasis/strikethrough,
// links and autolinks (http and https only), hard breaks. The result is data, never markup.

export type MdInline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong' | 'em' | 'del'; readonly children: readonly MdInline[] }
  /** href is set only for http(s) URLs; any other target is shown as plain text. */
  | { readonly kind: 'link'; readonly href: string | undefined; readonly children: readonly MdInline[] }
  | { readonly kind: 'break' };

const MAX_DEPTH = 8;
const MAX_LINK_SCAN = 2000;
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };
const DELIMITERS: readonly [string, 'strong' | 'em' | 'del'][] = [
  ['**', 'strong'],
  ['__', 'strong'],
  ['~~', 'del'],
  ['*', 'em'],
  ['_', 'em'],
];

/** An http(s) URL, normalised; anything else (javascript:, data:, relative paths) is refused. */
export function safeHref(raw: string): string | undefined {
  try {
    const parsed = new URL(raw.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');

/** Parses inline Markdown. Failed searches for a closer are remembered, so hostile input stays linear. */
export function parseInline(text: string, depth = 0): MdInline[] {
  const out: MdInline[] = [];
  const noCloser = new Map<string, number>(); // closer -> position from which it does not occur
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ kind: 'text', text: decode(buffer) });
    buffer = '';
  };
  const find = (closer: string, from: number): number => {
    if (from >= (noCloser.get(closer) ?? Infinity)) return -1;
    const at = text.indexOf(closer, from);
    if (at < 0) noCloser.set(closer, from);
    return at;
  };
  const push = (node: MdInline, next: number) => {
    flush();
    out.push(node);
    return next;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const rest = text.slice(i, i + 8);
    if (c === '\\' && PUNCTUATION.test(text[i + 1] ?? '')) {
      buffer += text[i + 1];
      i += 2;
    } else if (c === '\n') {
      const hard = buffer.endsWith('  ') || buffer.endsWith('\\');
      buffer = hard ? buffer.replace(/(?: +|\\)$/, '') : `${buffer.trimEnd()} `;
      i = hard ? push({ kind: 'break' }, i + 1) : i + 1;
    } else if (c === '`') {
      const run = /^`+/.exec(text.slice(i, i + 64))?.[0] ?? '`';
      const close = find(run, i + run.length);
      if (close < 0) {
        buffer += run;
        i += run.length;
      } else {
        const code = text.slice(i + run.length, close).replace(/\n/g, ' ');
        i = push({ kind: 'code', text: /^ .*[^ ].* $/.test(code) ? code.slice(1, -1) : code }, close + run.length);
      }
    } else if (/^<br\s*\/?>/i.test(rest)) {
      i = push({ kind: 'break' }, i + (/^<br\s*\/?>/i.exec(rest)?.[0].length ?? 4));
    } else if (c === '<' && /^<https?:\/\/[^\s<>]+>/i.test(text.slice(i, i + MAX_LINK_SCAN))) {
      const url = /^<([^\s<>]+)>/.exec(text.slice(i, i + MAX_LINK_SCAN))?.[1] ?? '';
      i = push({ kind: 'link', href: safeHref(url), children: [{ kind: 'text', text: url }] }, i + url.length + 2);
    } else if ((c === 'h' || c === 'H') && !/\w$/.test(buffer) && /^https?:\/\//i.test(rest)) {
      const url = (/^https?:\/\/[^\s<>]+/i.exec(text.slice(i, i + MAX_LINK_SCAN))?.[0] ?? '').replace(/[.,:;!?)'"*_~]+$/, '');
      i = push({ kind: 'link', href: safeHref(url), children: [{ kind: 'text', text: url }] }, i + url.length);
    } else if (c === '[' || (c === '!' && text[i + 1] === '[')) {
      const link = readLink(text, c === '!' ? i + 1 : i, depth, find);
      if (link) i = push(link.node, link.end);
      else {
        buffer += c;
        i++;
      }
    } else {
      const delimiter = DELIMITERS.find(([mark]) => text.startsWith(mark, i));
      const wordInside = delimiter?.[0][0] === '_' && /\w/.test(text[i - 1] ?? ''); // snake_case stays text
      const close = delimiter && !wordInside && depth < MAX_DEPTH ? find(delimiter[0], i + delimiter[0].length + 1) : -1;
      if (delimiter && close > 0 && !/\s/.test(text[i + delimiter[0].length] ?? ' ')) {
        i = push({ kind: delimiter[1], children: parseInline(text.slice(i + delimiter[0].length, close), depth + 1) }, close + delimiter[0].length);
      } else {
        const literal = delimiter?.[0] ?? c;
        buffer += literal;
        i += literal.length;
      }
    }
  }
  flush();
  return out;
}

/** `[label](url "title")` at start (a `[`); undefined when it is not a complete link. */
function readLink(text: string, start: number, depth: number, find: (closer: string, from: number) => number): { node: MdInline; end: number } | undefined {
  let level = 0;
  let close = -1;
  const limit = Math.min(text.length, start + MAX_LINK_SCAN);
  if (find(']', start) < 0) return undefined;
  for (let j = start; j < limit && close < 0; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '[') level++;
    else if (text[j] === ']' && --level === 0) close = j;
  }
  if (close < 0 || text[close + 1] !== '(') return undefined;
  let end = -1;
  for (let j = close + 2, open = 1; j < limit + MAX_LINK_SCAN && j < text.length && end < 0; j++) {
    if (text[j] === '(') open++;
    else if (text[j] === ')' && --open === 0) end = j; // balanced, as in `(javascript:alert(1))`
  }
  if (end < 0) return undefined;
  const target =
    text
      .slice(close + 2, end)
      .trim()
      .split(/\s+/)[0] ?? '';
  const label = text.slice(start + 1, close);
  const children = depth < MAX_DEPTH ? parseInline(label, depth + 1) : [{ kind: 'text' as const, text: label }];
  return { node: { kind: 'link', href: safeHref(target.replace(/^<|>$/g, '')), children }, end: end + 1 };
}
