import type { Scalar } from 'yaml';
import { isScalar } from '../../yaml/identity';
import {
  availabilityAt,
  checkExpression,
  describeType,
  extractExpressions,
  isSafeToInterpolate,
  parseExpression,
  untrustedPaths,
  type CheckScope,
  type Expr,
  type ExprProblem,
  type ExprType,
  type ParseResult,
} from '../../expressions';
import type { Rule, RuleContext } from '../../rule';
import { get, keyText, pairsOf, textOf } from '../../yaml/nodes';
import { locateInScalar } from '../../yaml/scalar-offsets';
import { availabilityKey, scalarPlaces, type Place } from '../expression-places';
import { workflowTypes, type WorkflowTypes } from '../expression-scope';
import { jobsOf, type JobNode } from '../workflow-nodes';
import { moveToEnvFix } from './move-to-env';

/** Keys whose whole value is an expression even without `${{ }}`. */
const IMPLICIT_EXPRESSION = (path: Place['path']) => path[path.length - 1] === 'if' && path[0] === 'jobs';

/**
 * Every `${{ }}`: syntax, types, contexts and functions available at its key,
 * matrix/steps/needs/inputs checked against what the workflow defines, values
 * that print as "Object" in strings, and untrusted input inlined into scripts.
 */
export const expressionRule: Rule = {
  id: 'expression',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  description: 'Syntax, types, contexts, functions and script injection in ${{ }} expressions.',
  check(context) {
    parsedSources.clear(); // per file: what one validation costs stays independent of the files before it
    const { doc } = context.source;
    const types = context.kind === 'github-workflow' ? workflowTypes(context) : undefined;
    const jobs = context.kind === 'github-workflow' ? new Map(jobsOf(context).map((job) => [job.id, job])) : new Map<string, JobNode>();
    const actionInputs = context.kind === 'github-action' ? actionInputsType(context) : undefined;
    for (const place of scalarPlaces(doc)) {
      const value = place.node.value;
      if (typeof value !== 'string') continue;
      const implicit = IMPLICIT_EXPRESSION(place.path) && !value.includes('${{');
      if (!implicit && !value.includes('${{')) continue;
      const scope = scopeAt(place, types, jobs, actionInputs);
      if (implicit) checkSource(context, place, value, 0, scope, false);
      else checkTemplate(context, place, value, scope);
    }
  },
};

function checkTemplate(context: RuleContext, place: Place, value: string, scope: CheckScope): void {
  const parts = extractExpressions(value);
  const single = parts.length === 1 && value.trim() === value.slice(parts[0]?.start, parts[0]?.end);
  for (const part of parts) {
    if (!part.closed) {
      report(context, place.node, part.start, value.length, { code: 'syntax', message: 'This ${{ is never closed with }}.', severity: 'error', start: 0, end: 0 }, 0);
      continue;
    }
    const type = checkSource(context, place, part.source, part.innerStart, scope, true);
    if (type && !single && !isSafeToInterpolate(type)) {
      context.report({ severity: 'warning', message: `This expression is ${describeType(type)}; inside a string it prints as "${type.kind === 'array' ? 'Array' : 'Object'}". Use toJSON() or pick a property.`, at: locateInScalar(context.source, place.node, part.start, part.end) });
    }
  }
}

/** Parses and checks one expression whose source starts at `offset` in the value; returns its type. */
function checkSource(context: RuleContext, place: Place, source: string, offset: number, scope: CheckScope, wrapped: boolean): ExprType | undefined {
  const parsed = parsedOnce(source);
  for (const problem of parsed.problems) report(context, place.node, offset, source.length, problem, offset);
  if (!parsed.expr) return undefined;
  const checked = checkExpression(parsed.expr, scope);
  for (const problem of checked.problems) report(context, place.node, offset, source.length, problem, offset);
  if (wrapped && isScript(place)) checkInjection(context, place, parsed.expr, offset);
  return checked.type;
}

/** Parse results by expression text, within one file: `matrix.os` recurs in every job (generated workflows repeat whole jobs). Trees are only read. */
const parsedSources = new Map<string, ParseResult>();
const MAX_PARSED_SOURCES = 10_000;

function parsedOnce(source: string): ParseResult {
  let parsed = parsedSources.get(source);
  if (!parsed) {
    if (parsedSources.size >= MAX_PARSED_SOURCES) parsedSources.clear();
    parsed = parseExpression(source);
    parsedSources.set(source, parsed);
  }
  return parsed;
}

function report(context: RuleContext, node: Scalar, _offset: number, _length: number, problem: ExprProblem, base: number): void {
  const at = locateInScalar(context.source, node, base + problem.start, Math.max(base + problem.end, base + problem.start + 1));
  context.report({ severity: problem.severity, message: problem.message, at });
}

/** A `run:` script, or the `script:` input of actions/github-script. */
function isScript(place: Place): boolean {
  const last = place.path[place.path.length - 1];
  if (last === 'run') return true;
  return last === 'script' && place.path[place.path.length - 2] === 'with';
}

function checkInjection(context: RuleContext, place: Place, expr: Expr, offset: number): void {
  for (const use of untrustedPaths(expr)) {
    const at = locateInScalar(context.source, place.node, offset + use.start, offset + use.end);
    context.report({
      message: `"${use.path}" is untrusted input: inlined into a script, whoever writes it can run commands. Pass it through an environment variable instead.`,
      at,
      fixes: moveToEnvFix(context, place, use.path),
    });
  }
}

function scopeAt(place: Place, types: WorkflowTypes | undefined, jobs: ReadonlyMap<string, JobNode>, actionInputs: ExprType | undefined): CheckScope {
  if (!types) return { contexts: actionInputs ? { inputs: actionInputs } : {} };
  const availability = availabilityFor(place.path);
  const contexts: Record<string, ExprType> = { inputs: types.inputs, vars: types.vars, jobs: types.jobs };
  const jobId = place.path[0] === 'jobs' && typeof place.path[1] === 'string' ? place.path[1] : undefined;
  const job = jobId !== undefined ? jobs.get(jobId) : undefined;
  if (job) {
    contexts.matrix = types.matrixOf(job);
    contexts.needs = types.needsOf(job);
    const stepIndex = place.path[2] === 'steps' && typeof place.path[3] === 'number' ? place.path[3] : undefined;
    contexts.steps = types.stepsOf(job, stepIndex);
  }
  return {
    contexts,
    ...(availability ?? {}),
  };
}

const availabilityCache = new Map<string, { available: ReadonlySet<string>; functions: ReadonlySet<string> } | undefined>();

/** The availability row for a path, as sets, computed once per distinct key. */
function availabilityFor(path: Place['path']): { available: ReadonlySet<string>; functions: ReadonlySet<string> } | undefined {
  const key = availabilityKey(path);
  if (!key) return undefined;
  if (!availabilityCache.has(key)) {
    const row = availabilityAt(key);
    availabilityCache.set(key, row ? { available: new Set(row.contexts), functions: new Set(row.functions) } : undefined);
  }
  return availabilityCache.get(key);
}

/** A composite action's `inputs`, strictly: `inputs.x` must be declared. */
function actionInputsType(context: RuleContext): ExprType {
  const { doc } = context.source;
  const names = pairsOf(doc, get(doc, doc.contents, 'inputs')).map(keyText);
  return { kind: 'object', props: Object.fromEntries(names.map((name) => [name.toLowerCase(), { kind: 'string' } as ExprType])), strict: true };
}

export const _forTests = { isScalar, textOf };
