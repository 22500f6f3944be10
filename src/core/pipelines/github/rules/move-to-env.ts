import type { YAMLMap } from 'yaml';
import { isMap, isPair, isScalar } from '../../yaml/identity';
import type { Fix, TextEdit } from '../../finding';
import type { RuleContext } from '../../rule';
import { get, pairOf } from '../../yaml/nodes';
import type { Place } from '../expression-places';

/** `github.event.issue.title` -> `ISSUE_TITLE`: a readable variable name from the last two segments. */
export function envNameFor(path: string): string {
  const segments = path.split('.').filter((segment) => segment !== '*' && segment !== 'event' && segment !== 'github');
  return (
    segments
      .slice(-2)
      .join('_')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase() || 'UNTRUSTED_INPUT'
  );
}

/**
 * Moves an untrusted `${{ path }}` out of a block-style `run:` into the step's
 * `env:` and refers to it as "$NAME" in the script. Only offered when every
 * occurrence is the plain `${{ path }}` and the step is a block mapping.
 */
export function moveToEnvFix(context: RuleContext, place: Place, path: string): Fix[] {
  const { doc } = context.source;
  if (place.path[place.path.length - 1] !== 'run') return [];
  const step = stepMap(context, place);
  if (!step || step.flow || !step.range) return [];
  const name = envNameFor(path);
  const text = context.source.text;
  const [runStart, runEnd] = place.node.range ?? [0, 0];
  const raw = text.slice(runStart, runEnd);
  const pattern = new RegExp(`\\$\\{\\{\\s*${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`, 'g');
  const edits: TextEdit[] = [];
  for (const match of raw.matchAll(pattern)) {
    edits.push({ range: context.source.rangeOf(runStart + match.index, runStart + match.index + match[0].length), newText: `$${name}` });
  }
  if (edits.length === 0) return [];

  const envValue = `\${{ ${path} }}`;
  const env = get(doc, step, 'env');
  if (isMap(env) && !env.flow && env.items.length > 0) {
    const last = env.items[env.items.length - 1];
    if (!isPair(last) || !isScalar(last.key) || !last.key.range) return [];
    const lineStart = text.lastIndexOf('\n', last.key.range[0]) + 1;
    const indent = text.slice(lineStart, last.key.range[0]);
    const lineEnd = text.indexOf('\n', (last.value as { range?: number[] } | null)?.range?.[1] ?? last.key.range[1]);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    edits.push({ range: context.source.rangeOf(at, at), newText: `${indent}${name}: ${envValue}\n` });
  } else if (env === undefined || env === null) {
    const runKey = pairOf(doc, step, 'run')?.key;
    if (!isScalar(runKey) || !runKey.range) return [];
    const lineStart = text.lastIndexOf('\n', runKey.range[0]) + 1;
    const before = text.slice(lineStart, runKey.range[0]);
    const indent = /^\s*-\s/.test(before) ? before.replace(/-/, ' ') : before;
    if (/^\s*-\s/.test(before)) {
      // `- run:` starts the item: put env after the run block instead.
      const afterRun = text.indexOf('\n', runEnd - 1);
      const at = afterRun < 0 ? text.length : afterRun + 1;
      edits.push({ range: context.source.rangeOf(at, at), newText: `${indent}env:\n${indent}  ${name}: ${envValue}\n` });
    } else {
      edits.push({ range: context.source.rangeOf(lineStart, lineStart), newText: `${indent}env:\n${indent}  ${name}: ${envValue}\n` });
    }
  } else {
    return [];
  }
  return [{ title: `Pass ${path} through the environment variable ${name}`, edits }];
}

function stepMap(context: RuleContext, place: Place): YAMLMap<unknown, unknown> | undefined {
  const { doc } = context.source;
  let node: unknown = doc.contents;
  for (const segment of place.path.slice(0, -1)) {
    node = typeof segment === 'number' ? (node as { items?: unknown[] })?.items?.[segment] : get(doc, node, segment);
  }
  return isMap(node) ? node : undefined;
}
