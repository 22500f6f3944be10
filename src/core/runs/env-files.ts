// GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE share one format, read after each step the way
// actions/runner's EnvFileKeyValuePairs reads it:
//   name=value            the value is the rest of the line (may hold `=`, may be empty)
//   name<<DELIMITER       the value is every following line up to a line that is exactly DELIMITER
// Whichever of `=` and `<<` comes first on the line decides the form. Unlike the runner, which
// stops at the first bad line (and fails the step), we report each problem and keep going, so the
// caller can show them all; the caller should still fail the step when there are any.

export interface EnvFileParse {
  readonly values: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
}

/** Lines without their terminators; a trailing `\r` goes too, so CRLF files read like LF ones. */
function splitLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

export function parseEnvFile(text: string): EnvFileParse {
  const values = new Map<string, string>();
  const problems: string[] = [];
  const lines = splitLines(text);

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    if (line === '') continue;

    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');

    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (name === '') problems.push(`line ${lineNumber}: "${line}" has no name before "="`);
      else values.set(name, line.slice(equals + 1));
      continue;
    }

    if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === '' || delimiter === '') {
        problems.push(`line ${lineNumber}: "${line}" needs a name before "<<" and a delimiter after it`);
        continue;
      }
      // The first line that is exactly the delimiter ends the value, so a value can never hold it.
      const end = lines.indexOf(delimiter, index + 1);
      if (end < 0) {
        // Everything after the header is the unterminated value: nothing below it is applied,
        // as on GitHub, rather than guessing where the value was meant to end.
        problems.push(`line ${lineNumber}: "${name}" starts a multi-line value ending at "${delimiter}", but no line is exactly "${delimiter}"`);
        break;
      }
      values.set(name, lines.slice(index + 1, end).join('\n'));
      index = end;
      continue;
    }

    problems.push(`line ${lineNumber}: "${line}" is neither name=value nor name<<DELIMITER`);
  }

  return { values, problems };
}

/** GITHUB_PATH: one directory per non-empty line, in the order written (the runner prepends each). */
export function parsePathFile(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line !== '');
}
