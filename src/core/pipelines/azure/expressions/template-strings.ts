/**
 * Finds the `${{ }}` (compile time) and `$[ ]` (run time) expressions in a YAML scalar. A closing
 * `}}` or `]` inside a quoted string does not end the expression (`${{ format('}}') }}`).
 */

export interface EmbeddedExpression {
  readonly kind: 'compile' | 'runtime';
  /** Offsets of the whole `${{ … }}` in the text. */
  readonly start: number;
  readonly end: number;
  /** The expression's own text and where it starts. */
  readonly source: string;
  readonly sourceStart: number;
  /** No closing `}}` / `]`. */
  readonly unclosed?: true;
}

/** The closer's offset, skipping quoted strings and (for `]`) indexes such as `outputs['a.b']`. */
function closeOf(text: string, from: number, closer: string): number {
  let quoted = false;
  let brackets = 0;
  for (let at = from; at < text.length; at++) {
    const c = text[at];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (closer === ']' && c === '[') brackets++;
    else if (closer === ']' && c === ']' && brackets > 0) brackets--;
    else if (text.startsWith(closer, at)) return at;
  }
  return -1;
}

/**
 * `compileOnly`: only `${{ }}` (template expansion, which also rewrites the `${{ }}` inside a
 * `$[ ]` value such as `$[ dependencies.build_${{ parameters.os }}.result ]`).
 */
export function findEmbeddedExpressions(text: string, compileOnly = false): EmbeddedExpression[] {
  const found: EmbeddedExpression[] = [];
  let at = 0;
  while (at < text.length) {
    const compile = text.indexOf('${{', at);
    const runtime = compileOnly ? -1 : text.indexOf('$[', at);
    if (compile < 0 && runtime < 0) break;
    const isCompile = compile >= 0 && (runtime < 0 || compile < runtime);
    const start = isCompile ? compile : runtime;
    const open = isCompile ? 3 : 2;
    const closer = isCompile ? '}}' : ']';
    // `$[` is a run-time expression only as the whole value; elsewhere it is plain text.
    if (!isCompile && text.slice(0, start).trim() !== '') {
      at = start + open;
      continue;
    }
    const close = closeOf(text, start + open, closer);
    if (close < 0) {
      found.push({
        kind: isCompile ? 'compile' : 'runtime',
        start,
        end: text.length,
        source: text.slice(start + open),
        sourceStart: start + open,
        unclosed: true,
      });
      break;
    }
    found.push({
      kind: isCompile ? 'compile' : 'runtime',
      start,
      end: close + closer.length,
      source: text.slice(start + open, close),
      sourceStart: start + open,
    });
    at = close + closer.length;
  }
  return found;
}

/** The expression when the whole scalar is one `${{ }}` (its value keeps its type), else undefined. */
export function wholeCompileExpression(text: string): EmbeddedExpression | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('${{') || !trimmed.endsWith('}}')) return undefined;
  const found = findEmbeddedExpressions(text);
  return found.length === 1 && found[0]?.kind === 'compile' && !found[0].unclosed && text.slice(found[0].end).trim() === '' ? found[0] : undefined;
}
