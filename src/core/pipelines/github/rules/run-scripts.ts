import { basename } from 'node:path';
import type { Scalar } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Severity } from '../../finding';
import type { RuleContext } from '../../rule';
import { asMap, get, itemsOf, stringList, textOf } from '../../yaml/nodes';
import { locateInScalar } from '../../yaml/scalar-offsets';
import { jobsOf, stepsOf } from '../workflow-nodes';

/** The interpreter family of a `run:` script, as far as the external linters care. */
export type ScriptLanguage = 'bash' | 'sh' | 'python';

/** A `run:` script with the language it runs in and the lines the runner puts before it. */
export interface RunScript {
  readonly node: Scalar;
  readonly script: string;
  readonly language: ScriptLanguage;
  /**
   * What the runner's command line implies, as a first line for the linter
   * (`bash -e {0}` behaves as if the script began with `set -e`); '' for none.
   */
  readonly preamble: string;
}

/**
 * Every `run:` of the file whose shell is known to be bash, sh or Python:
 * the step's `shell:`, else the job's and then the workflow's
 * `defaults.run.shell`, else the runner's default (pwsh on Windows, bash elsewhere,
 * also when `runs-on` is only known at run time, as actionlint assumes).
 */
export function runScripts(context: RuleContext): RunScript[] {
  const { doc } = context.source;
  const scripts: RunScript[] = [];
  const defaultShell = (node: unknown) => textOf(doc, get(doc, get(doc, get(doc, node, 'defaults'), 'run'), 'shell'));
  if (context.kind === 'github-action') {
    for (const step of itemsOf(doc, get(doc, get(doc, doc.contents, 'runs'), 'steps'))) {
      const script = scriptOf(get(doc, step, 'run'), textOf(doc, get(doc, step, 'shell')));
      if (script) scripts.push(script);
    }
    return scripts;
  }
  const workflowShell = defaultShell(doc.contents);
  for (const job of jobsOf(context)) {
    const jobShell = defaultShell(job.map) ?? workflowShell ?? (runsOnWindows(context, job.map) ? 'pwsh' : undefined);
    for (const step of stepsOf(context, job)) {
      const shell = textOf(doc, get(doc, step.map, 'shell')) ?? jobShell;
      // A step guarded by `if: runner.os == 'Windows'` runs in pwsh there (and not at all elsewhere).
      if (shell === undefined && selectsWindows(textOf(doc, get(doc, step.map, 'if')))) continue;
      const script = scriptOf(get(doc, step.map, 'run'), shell);
      if (script) scripts.push(script);
    }
  }
  return scripts;
}

/** `shell` undefined means the runner's default on Linux and macOS: `bash -e {0}`. */
function scriptOf(node: unknown, shell: string | undefined): RunScript | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') return undefined;
  const invocation = shell === undefined ? { language: 'bash' as const, preamble: 'set -e' } : shellInvocation(shell);
  return invocation ? { node, script: node.value, ...invocation } : undefined;
}

/** What a `shell:` value runs, following GitHub's table of built-in shells; undefined for anything else. */
export function shellInvocation(shell: string): { language: ScriptLanguage; preamble: string } | undefined {
  const trimmed = shell.trim();
  if (trimmed.includes('${{')) return undefined;
  const lower = trimmed.toLowerCase();
  if (lower === 'bash') return { language: 'bash', preamble: 'set -eo pipefail' };
  if (lower === 'sh') return { language: 'sh', preamble: 'set -e' };
  if (lower === 'python') return { language: 'python', preamble: '' };
  // A custom command (`bash -x {0}`): its own flags decide, so nothing is assumed.
  const program = basename(trimmed.split(/\s+/)[0] ?? '').toLowerCase();
  if (!trimmed.includes('{0}')) return undefined;
  if (program === 'bash') return { language: 'bash', preamble: '' };
  if (program === 'sh') return { language: 'sh', preamble: '' };
  if (/^python3?(\.\d+)?$/.test(program)) return { language: 'python', preamble: '' };
  return undefined;
}

/** A condition that holds only on Windows runners, as far as its text tells: it names Windows, not with `!=`. */
export function selectsWindows(condition: string | undefined): boolean {
  return condition !== undefined && /windows/i.test(condition) && !/!=\s*['"][^'"]*windows/i.test(condition);
}

function runsOnWindows(context: RuleContext, job: unknown): boolean {
  const { doc } = context.source;
  const runsOn = get(doc, job, 'runs-on');
  const labels = [...stringList(doc, runsOn), ...stringList(doc, get(doc, asMap(doc, runsOn), 'labels'))].map((label) => label.value.toLowerCase());
  return labels.some((label) => label === 'windows' || label.startsWith('windows-'));
}

/**
 * The script with each `${{ ... }}` replaced by underscores of the same length
 * (newlines kept), so linters see one plain word and report the columns of the original.
 */
export function maskExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (expression) => expression.replace(/[^\n]/g, '_'));
}

/** The offset in `script` of a 1-based line and column as linters report them; undefined when outside the script. */
export function scriptOffset(script: string, line: number, column: number): number | undefined {
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1) return undefined;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const newline = script.indexOf('\n', start);
    if (newline < 0) return undefined;
    start = newline + 1;
  }
  const newline = script.indexOf('\n', start);
  const end = newline < 0 ? script.length : newline;
  return Math.min(start + Math.max(column - 1, 0), end);
}

/** A problem a linter reported, in the script's own 1-based lines and columns. */
export interface ScriptComment {
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: Severity;
  readonly message: string;
}

/**
 * Reports a linter's comment at its place in the YAML. `lineShift` is the
 * number of lines put before the script (a preamble); comments about those
 * lines are dropped. Without an end, the word (or `$name`) at the start is marked.
 */
export function reportScriptComment(context: RuleContext, script: RunScript, lineShift: number, comment: ScriptComment): void {
  const start = scriptOffset(script.script, comment.line - lineShift, comment.column);
  if (start === undefined) return;
  const reportedEnd =
    comment.endLine !== undefined && comment.endColumn !== undefined ? scriptOffset(script.script, comment.endLine - lineShift, comment.endColumn) : undefined;
  const end =
    reportedEnd !== undefined && reportedEnd > start ? reportedEnd : start + Math.max(1, /^\$?[\w.]*/.exec(script.script.slice(start))?.[0].length ?? 0);
  context.report({
    severity: comment.severity,
    message: comment.message,
    at: locateInScalar(context.source, script.node, start, Math.min(end, script.script.length)),
  });
}
