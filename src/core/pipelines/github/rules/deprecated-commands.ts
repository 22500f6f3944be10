import type { Scalar } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Fix } from '../../finding';
import type { Rule, RuleContext } from '../../rule';
import { get } from '../../yaml/nodes';
import { locateInScalar } from '../../yaml/scalar-offsets';
import { jobsOf, stepsOf } from '../workflow-nodes';

/** The legacy workflow commands, the environment file that replaced each, and what GitHub does with them today. */
const COMMANDS: Readonly<Record<string, { file: string; named: boolean; today: string }>> = {
  'set-output': { file: 'GITHUB_OUTPUT', named: true, today: 'is deprecated (GitHub still runs it, with a warning)' },
  'save-state': { file: 'GITHUB_STATE', named: true, today: 'is deprecated (GitHub still runs it, with a warning)' },
  'set-env': { file: 'GITHUB_ENV', named: true, today: 'is disabled by GitHub (the step fails unless ACTIONS_ALLOW_UNSECURE_COMMANDS is true)' },
  'add-path': { file: 'GITHUB_PATH', named: false, today: 'is disabled by GitHub (the step fails unless ACTIONS_ALLOW_UNSECURE_COMMANDS is true)' },
};

const COMMAND = /::(set-output|save-state|set-env|add-path)\b/g;
// `echo "::set-output name=x::value"` on one line, quoted or not, so it can be rewritten whole.
const ECHO_LINE = /echo\s+(["']?)::(set-output|save-state|set-env|add-path)(?:\s+name=([^:\s]+))?::(.*?)\1(?=\s*(?:$|#|;|&&|\|\|))/;

export const deprecatedCommandsRule: Rule = {
  id: 'deprecated-commands',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  description: '::set-output and ::save-state are deprecated, ::set-env and ::add-path disabled; write to the environment files instead.',
  check(context) {
    for (const run of allRunScalars(context)) checkScript(context, run);
  },
};

/** Every `run:` scalar, whatever its shell (PowerShell prints ::set-output too): of a workflow's jobs, or a composite action's steps. */
function allRunScalars(context: RuleContext): Scalar[] {
  const { doc } = context.source;
  const steps =
    context.kind === 'github-action'
      ? ((get(doc, get(doc, doc.contents, 'runs'), 'steps') as { items?: unknown[] } | undefined)?.items ?? []).map((item) => get(doc, item, 'run'))
      : jobsOf(context).flatMap((job) => stepsOf(context, job).map((step) => get(doc, step.map, 'run')));
  return steps.filter((node): node is Scalar => isScalar(node) && typeof node.value === 'string');
}

function checkScript(context: RuleContext, run: Scalar): void {
  const script = run.value as string;
  if (!script.includes('::')) return; // most scripts: no regex iterator at all
  for (const match of script.matchAll(COMMAND)) {
    const name = match[1] as string;
    const { file, today } = COMMANDS[name] as { file: string; today: string };
    const at = locateInScalar(context.source, run, match.index, match.index + match[0].length);
    context.report({
      message: `The "::${name}" workflow command ${today}; write to the $${file} file instead.`,
      at,
      advisory: true, // the workflow runs on GitHub; the command's own effect is the run's business
      fixes: rewriteFix(context, run, script, match.index),
    });
  }
}

/** Rewrites the whole `echo "::cmd ..."` on that line, when it is that simple. */
function rewriteFix(context: RuleContext, run: Scalar, script: string, commandIndex: number): Fix[] {
  const lineStart = script.lastIndexOf('\n', commandIndex) + 1;
  const lineEnd = script.indexOf('\n', commandIndex);
  const line = script.slice(lineStart, lineEnd < 0 ? script.length : lineEnd);
  const match = ECHO_LINE.exec(line);
  if (!match) return [];
  const [whole, , command, name, value] = match as unknown as [string, string, string, string | undefined, string];
  const spec = COMMANDS[command] as { file: string; named: boolean };
  if (spec.named && !name) return [];
  const replacement = spec.named ? `echo "${name}=${value}" >> "$${spec.file}"` : `echo "${value}" >> "$${spec.file}"`;
  const start = lineStart + match.index;
  const [from, to] = locateInScalar(context.source, run, start, start + whole.length);
  if (context.source.text.slice(from, to) !== whole) return []; // the source spells it differently (escapes): no safe edit
  return [{ title: `Write to $${spec.file} instead`, edits: [{ range: context.source.rangeOf(from, to), newText: replacement }] }];
}
