const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

/**
 * One line of human-readable output made safe for a terminal or a CI log: control
 * characters in repository text (YAML keys, names, commit subjects) become visible
 * escapes, so a newline cannot forge a line (`::error ...` is a workflow command in
 * GitHub Actions) and no ESC/OSC sequence reaches the terminal. Idempotent.
 */
export function printable(line: string): string {
  // C0, DEL, C1, and the Unicode line and paragraph separators.
  // eslint-disable-next-line no-control-regex -- control characters are what this finds
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
