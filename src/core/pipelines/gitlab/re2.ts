/**
 * GitLab matches its patterns (`=~` in `rules: if`, `only: refs` as /regex/, an input's `regex`)
 * with RE2. Most RE2 patterns mean the same in JavaScript; these do not, and are rewritten:
 * POSIX classes in brackets (`[[:digit:]]`), `\pL` / `\p{Greek}` (JavaScript needs the `u` flag),
 * `\A` and `\z`, `\Q...\E` literals, `(?P<name>`, and leading flags (`(?i)`). A pattern with RE2
 * syntax JavaScript has no twin for (`[[:^alpha:]]`, flags in the middle, `\C`) gives undefined:
 * the caller treats the match as not known rather than guess.
 */

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** RE2's leading flag group, `(?i)` or `(?ims)`; U (ungreedy) has no JavaScript twin and is dropped. */
const LEADING_FLAGS = /^\(\?([imsU]+)\)/;

const escapeLiteral = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The JavaScript source and flags of an RE2 pattern, or undefined when JavaScript cannot say the same. */
export function re2ToJavaScript(pattern: string, flags = ''): { source: string; flags: string } | undefined {
  let body = pattern;
  let jsFlags = flags.replace(/U/g, '');
  const leading = LEADING_FLAGS.exec(body);
  if (leading) {
    jsFlags += (leading[1] as string).replace(/U/g, '');
    body = body.slice(leading[0].length);
  }
  let out = '';
  let inClass = false;
  let unicode = false;
  for (let index = 0; index < body.length; index++) {
    const char = body[index] as string;
    if (char === '\\') {
      const next = body[index + 1];
      if (next === undefined) return undefined;
      if (next === 'Q') {
        const end = body.indexOf('\\E', index + 2);
        const literal = body.slice(index + 2, end < 0 ? body.length : end);
        out += escapeLiteral(literal);
        index = end < 0 ? body.length : end + 1;
        continue;
      }
      if (next === 'C' || (next === 'x' && body[index + 2] === '{')) return undefined;
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && (next === 'z' || next === 'Z'))
        out += '$'; // RE2 has no \Z; Ruby's reading of it
      else if (next === 'p' || next === 'P') {
        unicode = true;
        // `\pL` is `\p{L}`; a script (`\p{Greek}`) is `\p{Script=Greek}` to JavaScript; `\p{^X}` is `\P{X}`.
        const braced = body[index + 2] === '{';
        const close = braced ? body.indexOf('}', index + 3) : index + 3;
        if (close < 0 || index + 2 >= body.length) return undefined;
        let name = braced ? body.slice(index + 3, close) : (body[index + 2] as string);
        let negated = next === 'P';
        if (name.startsWith('^')) [name, negated] = [name.slice(1), !negated];
        out += `\\${negated ? 'P' : 'p'}{${name.length <= 2 || name === 'Any' ? name : `Script=${name}`}}`;
        index = braced ? close : index + 2;
        continue;
      } else out += `\\${next}`;
      index++;
      continue;
    }
    if (inClass) {
      if (char === '[' && body[index + 1] === ':') {
        const end = body.indexOf(':]', index + 2);
        const name = end < 0 ? undefined : body.slice(index + 2, end);
        if (name === undefined || name.startsWith('^')) return undefined;
        const range = POSIX_CLASSES[name];
        if (range === undefined) return undefined;
        out += range;
        index = end + 1;
        continue;
      }
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
      // A `]` first in the class (or after `^`) is a literal: copy it so it does not end the class.
      if (body[index + 1] === '^') out += body[++index];
      if (body[index + 1] === ']') out += `\\${body[++index]}`;
      continue;
    }
    if (char === '(' && body[index + 1] === '?') {
      if (body[index + 2] === 'P' && body[index + 3] === '<') {
        out += '(?<';
        index += 3;
        continue;
      }
      // Flags in the middle (`a(?i)b`, `(?i:b)`): JavaScript 20 has no twin.
      if (body[index + 2] !== ':' && body[index + 2] !== '=' && body[index + 2] !== '!' && body[index + 2] !== '<') return undefined;
    }
    out += char;
  }
  return { source: out, flags: [...new Set(jsFlags + (unicode ? 'u' : ''))].join('') };
}

/** An RE2 pattern as a JavaScript RegExp, or undefined when it cannot be read the same way (see re2ToJavaScript). */
export function re2RegExp(pattern: string, flags = ''): RegExp | undefined {
  const translated = re2ToJavaScript(pattern, flags);
  if (!translated) return undefined;
  try {
    return new RegExp(translated.source, translated.flags);
  } catch {
    return undefined;
  }
}
