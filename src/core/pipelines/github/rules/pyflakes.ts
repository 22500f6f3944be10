import type { Rule } from '../../rule';
import { findProgram } from './external-program';
import { runProgram } from './run-program';
import { maskExpressions, reportScriptComment, runScripts, type ScriptComment } from './run-scripts';

/** pyflakes on `run:` scripts that run in Python; silently off when pyflakes is not on PATH. */
export const pyflakesRule: Rule = {
  id: 'pyflakes',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'warning',
  description: 'pyflakes findings in shell: python run: scripts (when pyflakes is installed).',
  check: () => undefined,
  async checkWithPrograms(context, signal) {
    const program = findProgram(['pyflakes', 'pyflakes3']);
    if (!program) return;
    const scripts = runScripts(context).filter((script) => script.language === 'python');
    const outputs = await Promise.all(scripts.map((script) => runProgram(program, [], `${maskExpressions(script.script)}\n`, signal)));
    scripts.forEach((script, index) => {
      const output = outputs[index];
      // 0: clean, 1: problems; anything else is pyflakes failing, which is not the user's problem.
      if (!output || output.status > 1) return;
      for (const comment of parsePyflakesOutput(output.stdout, output.stderr)) reportScriptComment(context, script, 0, comment);
    });
  },
};

/** `<stdin>:LINE[:COL]: message`; later lines of a syntax error (the source and a caret) do not match. */
const LINE = /^<stdin>:(\d+):(?:(\d+):)? (.+)$/;

/**
 * pyflakes' report as comments: warnings from stdout, syntax errors from
 * stderr. "undefined name '___'" is a masked `${{ }}`, not a mistake.
 */
export function parsePyflakesOutput(stdout: string, stderr: string): ScriptComment[] {
  const read = (text: string, syntax: boolean): ScriptComment[] =>
    text.split(/\r?\n/).flatMap((line): ScriptComment[] => {
      const match = LINE.exec(line);
      if (!match) return [];
      const message = (match[3] ?? '').trim();
      if (/^undefined name '_+'$/.test(message)) return [];
      const sentence = message.replace(/([^.!?])$/, '$1.');
      return [
        {
          line: Number(match[1]),
          column: match[2] ? Number(match[2]) : 1,
          severity: syntax ? 'error' : 'warning',
          message: syntax ? `Python syntax error: ${sentence}` : `pyflakes: ${sentence}`,
        },
      ];
    });
  return [...read(stdout, false), ...read(stderr, true)];
}
