import type { Severity } from '../../finding';
import type { Rule } from '../../rule';
import { findProgram } from './external-program';
import { runProgram } from './run-program';
import { maskExpressions, reportScriptComment, runScripts, type ScriptComment } from './run-scripts';

/**
 * Checks actionlint also turns off: each misreads a masked `${{ }}` or a
 * runner-provided variable. SC1091 sourced file not found; SC2194/SC2050
 * constant word or test (a masked expression); SC2154 variable not assigned
 * (it comes from `env:`); SC2157 -z of a literal (a masked expression);
 * SC2043 loop over one word (a masked expression).
 */
export const SHELLCHECK_EXCLUDED = ['SC1091', 'SC2194', 'SC2050', 'SC2154', 'SC2157', 'SC2043'] as const;

/** shellcheck on `run:` scripts that run in bash or sh; silently off when shellcheck is not on PATH. */
export const shellcheckRule: Rule = {
  id: 'shellcheck',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'warning',
  description: 'shellcheck findings in bash and sh run: scripts (when shellcheck is installed).',
  check: () => undefined,
  async checkWithPrograms(context, signal) {
    const program = findProgram(['shellcheck']);
    if (!program) return;
    const scripts = runScripts(context).filter((script) => script.language !== 'python');
    const outputs = await Promise.all(
      scripts.map((script) => {
        const masked = maskExpressions(script.script);
        return runProgram(
          program,
          shellcheckArgs(script.language as 'bash' | 'sh'),
          script.preamble ? `${script.preamble}\n${masked}\n` : `${masked}\n`,
          signal,
        );
      }),
    );
    // Reported in script order, whichever run finished first.
    scripts.forEach((script, index) => {
      const output = outputs[index];
      // 0: clean, 1: comments; anything else is shellcheck failing, which is not the user's problem.
      if (!output || output.status > 1) return;
      const shift = script.preamble ? 1 : 0;
      for (const comment of parseShellcheckOutput(output.stdout)) reportScriptComment(context, script, shift, comment);
    });
  },
};

export function shellcheckArgs(language: 'bash' | 'sh'): string[] {
  return ['--norc', '--format=json1', `--shell=${language}`, `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`, '-'];
}

const SEVERITIES: Readonly<Record<string, Severity>> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/** shellcheck's `--format=json1` output as comments; [] for anything unreadable. */
export function parseShellcheckOutput(stdout: string): ScriptComment[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return [];
  }
  const comments = (parsed as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(comments)) return [];
  return comments.flatMap((item: unknown): ScriptComment[] => {
    const comment = item as Record<string, unknown> | null;
    if (!comment || typeof comment.line !== 'number' || typeof comment.column !== 'number' || typeof comment.message !== 'string') return [];
    const code = typeof comment.code === 'number' ? `SC${comment.code}` : 'shellcheck';
    const message = comment.message.trim().replace(/([^.!?])$/, '$1.');
    return [
      {
        line: comment.line,
        column: comment.column,
        ...(typeof comment.endLine === 'number' && typeof comment.endColumn === 'number' ? { endLine: comment.endLine, endColumn: comment.endColumn } : {}),
        severity: SEVERITIES[String(comment.level)] ?? 'warning',
        message: `ShellCheck ${code}: ${message}`,
      },
    ];
  });
}
