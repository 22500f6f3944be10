/**
 * Run-time expressions after expansion: `condition:` on stages, jobs and steps, and `$[ ]`
 * values (variables). Syntax, functions, arity and named values, in Azure's words, at the
 * expression.
 */
import { checkAzureExpression, findEmbeddedExpressions, RUNTIME_NAMES, type AzureExprProblem } from '../expressions';
import type { AEntry, ANode, AScalar } from '../templates/tree';
import { keyText } from '../templates/tree';
import type { AzureCheckFinding } from './graph';

/** Problems by expression text: the same conditions recur in every pipeline using a template. Bounded. */
const checked = new Map<string, readonly AzureExprProblem[]>();
const CHECKED_MAX = 5_000;

function problemsOf(source: string): readonly AzureExprProblem[] {
  let problems = checked.get(source);
  if (!problems) {
    problems = checkAzureExpression(source, { names: RUNTIME_NAMES, compileTime: false });
    if (checked.size >= CHECKED_MAX) checked.clear();
    if (source.length < 2_000) checked.set(source, problems);
  }
  return problems;
}

/** `$[` after leading white space (what trimStart removes), without copying the text or scanning past its start (scripts are long). */
const RUNTIME_START = /^\s*\$\[/;
const startsRuntime = (text: string): boolean => RUNTIME_START.test(text);

function report(scalar: AScalar, source: string, offset: number, out: AzureCheckFinding[]): void {
  for (const problem of problemsOf(source)) {
    // Point inside the scalar when it sits on one line as written; else at the whole value.
    const written = scalar.origin.end - scalar.origin.start === String(scalar.value).length;
    const origin = written
      ? { file: scalar.origin.file, start: scalar.origin.start + offset + problem.start, end: scalar.origin.start + offset + problem.end }
      : scalar.origin;
    out.push({ rule: 'azure-expression', severity: 'error', message: problem.message, origin, ...(scalar.via ? { via: scalar.via } : {}) });
  }
}

export function checkRuntimeExpressions(root: ANode | undefined): AzureCheckFinding[] {
  const out: AzureCheckFinding[] = [];
  // `entry`: the mapping entry holding `node`, its key read only for a text value (most values are not).
  const visit = (node: ANode, entry: AEntry | undefined, depth: number): void => {
    if (depth > 200) return;
    if (node.kind === 'scalar') {
      if (node.unknown || typeof node.value !== 'string') return;
      // An empty condition (often a template parameter left '') means the default, succeeded().
      if (entry !== undefined && keyText(entry) === 'condition' && !node.value.includes('${{')) {
        if (node.value.trim() !== '') report(node, node.value, 0, out);
      } else if (startsRuntime(node.value))
        for (const found of findEmbeddedExpressions(node.value))
          if (found.kind === 'runtime' && !found.unclosed) report(node, found.source, found.sourceStart, out);
      return;
    }
    if (node.kind === 'seq') for (const item of node.items) visit(item, undefined, depth + 1);
    else for (const entry of node.entries) visit(entry.value, entry, depth + 1);
  };
  if (root) visit(root, undefined, 0);
  return out;
}
