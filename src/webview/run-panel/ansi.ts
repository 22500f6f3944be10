// ANSI SGR colours in log lines, parsed into plain segments: text plus class names and colour
// values made here from numbers. Nothing from the line ever becomes markup or a style string.

/** 0-15: the theme's terminal palette (a class); otherwise a colour computed here ("#rrggbb"). */
type Colour = { readonly index: number } | { readonly hex: string };

export interface AnsiStyle {
  readonly fg?: Colour;
  readonly bg?: Colour;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
}

export interface AnsiSegment {
  readonly text: string;
  /** e.g. ansi-fg-1, ansi-bg-12, ansi-bold; the stylesheet maps them to theme variables. */
  readonly classes: readonly string[];
  /** Only "#rrggbb" values computed from numbers, for 256-colour and truecolour. */
  readonly color?: string;
  readonly background?: string;
}

const hex = (r: number, g: number, b: number) => `#${[r, g, b].map((n) => Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0')).join('')}`;

/** xterm's 256-colour table: 16 theme colours, a 6x6x6 cube, 24 greys. */
export function colour256(n: number): Colour | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return { index: n };
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return { hex: hex(level, level, level) };
  }
  const cube = n - 16;
  const level = (value: number) => (value === 0 ? 0 : 55 + value * 40);
  return { hex: hex(level(Math.floor(cube / 36)), level(Math.floor(cube / 6) % 6), level(cube % 6)) };
}

/** Reads an extended colour (38/48 ;5;n or ;2;r;g;b) at codes[i]; returns it and how many codes it used. */
function extended(codes: readonly number[], i: number): [Colour | undefined, number] {
  const mode = codes[i + 1];
  if (mode === 5) return [colour256(codes[i + 2] ?? -1), 3];
  if (mode === 2) {
    const [r, g, b] = [codes[i + 2], codes[i + 3], codes[i + 4]];
    const valid = [r, g, b].every((n) => n !== undefined && n >= 0 && n <= 255);
    return [valid ? { hex: hex(r as number, g as number, b as number) } : undefined, 5];
  }
  return [undefined, codes.length]; // malformed: ignore the rest of the sequence
}

/** `38:2:[space]:r:g:b` / `38:5:n`: the colon form keeps one colour in one parameter. */
function colonColour(parts: readonly number[]): Colour | undefined {
  if (parts[1] === 5) return colour256(parts[2] ?? -1);
  if (parts[1] !== 2) return undefined;
  const [r, g, b] = parts.slice(-3);
  return parts.length >= 5 && [r, g, b].every((n) => n !== undefined && n >= 0 && n <= 255) ? { hex: hex(r as number, g as number, b as number) } : undefined;
}

const FLAGS: Readonly<Record<number, AnsiStyle>> = {
  0: {},
  1: { bold: true },
  2: { dim: true },
  3: { italic: true },
  4: { underline: true },
  7: { inverse: true },
  9: { strike: true },
  22: { bold: false, dim: false },
  23: { italic: false },
  24: { underline: false },
  27: { inverse: false },
  29: { strike: false },
  39: { fg: undefined },
  49: { bg: undefined },
};

/** Applies one SGR sequence's parameters (`1;31`, `38;5;208`, `38:2::255:0:0`) to a style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const groups = params === '' ? ['0'] : params.split(';');
  const codes = groups.map((group) => Number(group.split(':')[0] || '0'));
  let next: AnsiStyle = style;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    const group = groups[i] as string;
    if (code === 0) next = {};
    else if (group.includes(':')) {
      const parts = group.split(':').map((part) => (part === '' ? 0 : Number(part)));
      if (code === 38 || code === 48) next = { ...next, [code === 38 ? 'fg' : 'bg']: colonColour(parts) };
      else if (code === 4) next = { ...next, underline: parts[1] !== 0 };
    } else if (code in FLAGS) next = { ...next, ...FLAGS[code] };
    else if (code >= 30 && code <= 37) next = { ...next, fg: { index: code - 30 } };
    else if (code >= 90 && code <= 97) next = { ...next, fg: { index: code - 90 + 8 } };
    else if (code >= 40 && code <= 47) next = { ...next, bg: { index: code - 40 } };
    else if (code >= 100 && code <= 107) next = { ...next, bg: { index: code - 100 + 8 } };
    else if (code === 38 || code === 48) {
      const [colour, used] = extended(codes, i);
      if (colour) next = code === 38 ? { ...next, fg: colour } : { ...next, bg: colour };
      i += used - 1;
    }
  }
  return next;
}

/** The segment a style gives some text: inverse swaps the colours (the theme's default ones too). */
export function segmentOf(text: string, style: AnsiStyle): AnsiSegment {
  const classes: string[] = [];
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? style.fg : style.bg;
  let color: string | undefined;
  let background: string | undefined;
  if (fg && 'index' in fg) classes.push(`ansi-fg-${fg.index}`);
  else if (fg) color = fg.hex;
  else if (style.inverse) classes.push('ansi-fg-inverse');
  if (bg && 'index' in bg) classes.push(`ansi-bg-${bg.index}`);
  else if (bg) background = bg.hex;
  else if (style.inverse) classes.push('ansi-bg-inverse');
  for (const flag of ['bold', 'dim', 'italic', 'underline', 'strike'] as const) if (style[flag]) classes.push(`ansi-${flag}`);
  return { text, classes, ...(color ? { color } : {}), ...(background ? { background } : {}) };
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other ESC pairs, then stray control characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const ESCAPES = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[()*+][\x20-\x7e]?|\x1b[@-Z\\-_]?|\r|[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * One log line as styled segments. Colour state starts fresh on every line (lines are shown
 * independently, and a truncated view may start anywhere). A carriage return in the middle
 * overwrites, as in a terminal: only what follows the last one is shown.
 */
export function parseAnsi(line: string): AnsiSegment[] {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  let segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const flush = (end: number) => {
    if (end > last) segments.push(segmentOf(text.slice(last, end), style));
  };
  for (const match of text.matchAll(ESCAPES)) {
    const at = match.index ?? 0;
    flush(at);
    last = at + match[0].length;
    if (match[0] === '\r') segments = [];
    else if (match[2] === 'm') style = applySgr(style, match[1] ?? '');
  }
  flush(text.length);
  return merge(segments);
}

/** Joins neighbours that look the same, so a line makes few elements. */
function merge(segments: readonly AnsiSegment[]): AnsiSegment[] {
  const merged: AnsiSegment[] = [];
  for (const segment of segments) {
    const previous = merged[merged.length - 1];
    if (
      previous &&
      previous.classes.join(' ') === segment.classes.join(' ') &&
      previous.color === segment.color &&
      previous.background === segment.background
    ) {
      merged[merged.length - 1] = { ...previous, text: previous.text + segment.text };
    } else merged.push(segment);
  }
  return merged;
}

/** The line without any escape sequence (for group titles, search, copying). */
export function stripAnsi(line: string): string {
  return parseAnsi(line)
    .map((segment) => segment.text)
    .join('');
}
