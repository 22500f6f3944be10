import type { Scalar } from 'yaml';
import { isScalar } from '../../yaml/identity';
import {
  availabilityAt,
  checkExpression,
  describeType,
  extractExpressions,
  isSafeToInterpolate,
  untrustedPaths,
  type CheckScope,
  type Expr,
  type ExprProblem,
  type ExprType,
} from '../../expressions';
import { forgetParsedExpressions, parsedExpression, parsedExpressionCount } from '../../expressions/parse-cache';
import type { Rule, RuleContext } from '../../rule';
import { get, keyText, pairsOf, textOf } from '../../yaml/nodes';
import { locateInScalar } from '../../yaml/scalar-offsets';
import { composedFacts, isTemplatePlace } from '../../yaml/composed-facts';
import { availabilityKey, scalarPlaces, takesMapping, takesNoContext, takesString, type Place } from '../expression-places';
import { workflowTypes, type WorkflowTypes } from '../expression-scope';
import { evaluatedKeyPlaces } from '../key-places';
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
    const { doc } = context.source;
    const types = context.kind === 'github-workflow' ? workflowTypes(context) : undefined;
    const jobs = context.kind === 'github-workflow' ? new Map(jobsOf(context).map((job) => [job.id, job])) : new Map<string, JobNode>();
    const actionInputs = context.kind === 'github-action' ? actionInputsType(context) : undefined;
    // Only strings with a template, or an `if:` (a job's or step's whole value is an expression):
    // the fast composer lists them as it builds the tree, else a walk finds them.
    const places = composedFacts(doc)?.templatePlaces ?? scalarPlaces(doc, (node, last) => isTemplatePlace(node.value, last));
    const scopes = new ScopeCache(types, jobs, actionInputs);
    for (const place of places) {
      const value = place.node.value as string;
      const implicit = IMPLICIT_EXPRESSION(place.path) && !value.includes('${{');
      if (!implicit && !value.includes('${{')) continue;
      const scope = scopes.at(place);
      if (implicit) checkSource(context, place, value, 0, scope, false);
      else checkTemplate(context, place, value, scope);
    }
    if (types) for (const place of evaluatedKeyPlaces(context)) checkTemplate(context, place, place.node.value as string, scopes.at(place), true);
  },
};

/** Checks each `${{ }}` of a value, or of a key (`isKey`: an env name, a `with` input's name) whose path is the value's. */
function checkTemplate(context: RuleContext, place: Place, value: string, scope: CheckScope, isKey = false): void {
  const parts = extractExpressions(value);
  const single = parts.length === 1 && isWholeValue(value, parts[0]?.start ?? 0, parts[0]?.end ?? 0);
  for (const part of parts) {
    if (!part.closed) {
      report(
        context,
        place.node,
        part.start,
        value.length,
        { code: 'syntax', message: 'This ${{ is never closed with }}.', severity: 'error', start: 0, end: 0 },
        0,
      );
      continue;
    }
    const type = checkSource(context, place, part.source, part.innerStart, scope, !isKey);
    if (!type || isKey) continue;
    if (single) {
      checkValueType(context, place, part.start, part.end, type);
      checkStringValue(context, place, part.start, part.end, type);
      checkMappingValue(context, place, part.start, part.end, type);
    } else if (!isSafeToInterpolate(type)) {
      context.report({
        severity: 'warning',
        message: `This expression is ${describeType(type)}; inside a string it prints as "${type.kind === 'array' ? 'Array' : 'Object'}". Use toJSON() or pick a property.`,
        at: locateInScalar(context.source, place.node, part.start, part.end),
      });
    } else if (type.kind === 'null') {
      context.report({
        severity: 'warning',
        message: 'This expression is null; inside a string it prints as an empty string. Write the text itself, or a value that is not null.',
        at: locateInScalar(context.source, place.node, part.start, part.end),
      });
    }
  }
}

/** The type GitHub needs at a key that takes a number or a boolean (or an expression giving one). */
function expectedType(path: Place['path']): 'number' | 'bool' | undefined {
  const last = path[path.length - 1];
  const inJob = path[0] === 'jobs' && typeof path[1] === 'string';
  const jobOrStep = inJob && (path.length === 3 || (path.length === 5 && path[2] === 'steps'));
  if (last === 'timeout-minutes' && jobOrStep) return 'number';
  if (last === 'continue-on-error' && jobOrStep) return 'bool';
  if (inJob && path.length === 4 && path[2] === 'strategy') return last === 'max-parallel' ? 'number' : last === 'fail-fast' ? 'bool' : undefined;
  if (last === 'cancel-in-progress' && ((path.length === 2 && path[0] === 'concurrency') || (inJob && path.length === 4 && path[2] === 'concurrency')))
    return 'bool';
  return undefined;
}

/**
 * A whole-value expression at a number or boolean key must give that type: GitHub does not
 * convert a string result ("10" for timeout-minutes fails when the job runs).
 */
function checkValueType(context: RuleContext, place: Place, start: number, end: number, type: ExprType): void {
  const expected = expectedType(place.path);
  if (!expected || type.kind === 'any' || type.kind === expected) return;
  const key = String(place.path[place.path.length - 1]);
  const wanted = expected === 'number' ? 'a number' : 'true or false';
  const fix = type.kind === 'string' ? 'wrap it in fromJSON() to turn the text into a value' : `make it give ${wanted}`;
  context.report({
    message: `"${key}" needs ${wanted}, but this expression is ${describeType(type)}, which GitHub does not convert; ${fix}.`,
    at: locateInScalar(context.source, place.node, start, end),
  });
}

/**
 * A whole-value object or array where GitHub takes a string: it does not print it as "Object"
 * there, it fails ("A mapping was not expected").
 */
function checkStringValue(context: RuleContext, place: Place, start: number, end: number, type: ExprType): void {
  if ((type.kind !== 'object' && type.kind !== 'array') || !takesString(place.path)) return;
  const key = String(place.path[place.path.length - 1]);
  const [shape, pick] = type.kind === 'object' ? ['mapping', 'a property'] : ['sequence', 'an item'];
  context.report({
    message: `"${key}" takes a string, but this expression is ${describeType(type)}: GitHub rejects it with "A ${shape} was not expected". Use toJSON() or pick ${pick}.`,
    at: locateInScalar(context.source, place.node, start, end),
  });
}

/** A whole-value expression giving text, a number or a boolean where GitHub takes a mapping: the run fails. */
function checkMappingValue(context: RuleContext, place: Place, start: number, end: number, type: ExprType): void {
  if ((type.kind !== 'string' && type.kind !== 'number' && type.kind !== 'bool') || !takesMapping(place.path)) return;
  const key = String(place.path[place.path.length - 1]);
  context.report({
    message: `"${key}" takes a mapping, but this expression is ${describeType(type)}: GitHub fails the run ("A mapping was expected"). Give an object, e.g. fromJSON() of a JSON object.`,
    at: locateInScalar(context.source, place.node, start, end),
  });
}

/**
 * Whether only white space surrounds [start, end) in `value` (`value.trim()`
 * equals that piece: `\s` is trim's set), without copying a long script.
 */
function isWholeValue(value: string, start: number, end: number): boolean {
  for (let at = 0; at < start; at++) if (!WHITE_SPACE.test(value[at] as string)) return false;
  for (let at = end; at < value.length; at++) if (!WHITE_SPACE.test(value[at] as string)) return false;
  return true;
}
const WHITE_SPACE = /\s/;

/** Parses and checks one expression whose source starts at `offset` in the value; returns its type. */
function checkSource(context: RuleContext, place: Place, source: string, offset: number, scope: CheckScope, wrapped: boolean): ExprType | undefined {
  const parsed = parsedExpression(source);
  for (const problem of parsed.problems) report(context, place.node, offset, source.length, problem, offset);
  if (!parsed.expr) return undefined;
  const checked = checkExpression(parsed.expr, scope);
  for (const problem of checked.problems) report(context, place.node, offset, source.length, problem, offset);
  if (wrapped && isScript(place)) checkInjection(context, place, parsed.expr, offset);
  return checked.type;
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
      advisory: true, // a security finding: GitHub runs the workflow
      fixes: moveToEnvFix(context, place, use.path),
    });
  }
}

/**
 * The scope of each place: its job's and step's contexts and its row of the
 * availability table. Places of one step share a scope (scopes are only read).
 */
class ScopeCache {
  private readonly scopes = new Map<JobNode | undefined, Map<number | undefined, Map<Availability | undefined, CheckScope>>>();

  constructor(
    private readonly types: WorkflowTypes | undefined,
    private readonly jobs: ReadonlyMap<string, JobNode>,
    private readonly actionInputs: ExprType | undefined,
  ) {}

  at(place: Place): CheckScope {
    const { types } = this;
    if (!types) return { contexts: this.actionInputs ? { inputs: this.actionInputs } : {} };
    const availability = availabilityFor(place.path);
    const jobId = place.path[0] === 'jobs' && typeof place.path[1] === 'string' ? place.path[1] : undefined;
    const job = jobId !== undefined ? this.jobs.get(jobId) : undefined;
    const stepIndex = job && place.path[2] === 'steps' && typeof place.path[3] === 'number' ? place.path[3] : undefined;
    let ofJob = this.scopes.get(job);
    if (!ofJob) this.scopes.set(job, (ofJob = new Map()));
    let ofStep = ofJob.get(stepIndex);
    if (!ofStep) ofJob.set(stepIndex, (ofStep = new Map()));
    let scope = ofStep.get(availability);
    if (!scope) ofStep.set(availability, (scope = scopeOf(types, job, stepIndex, availability)));
    return scope;
  }
}

function scopeOf(types: WorkflowTypes, job: JobNode | undefined, stepIndex: number | undefined, availability: Availability | undefined): CheckScope {
  const contexts: Record<string, ExprType> = { inputs: types.inputs, vars: types.vars, jobs: types.jobs };
  if (types.github) contexts.github = types.github;
  if (job) {
    contexts.matrix = types.matrixOf(job);
    contexts.needs = types.needsOf(job);
    contexts.steps = types.stepsOf(job, stepIndex);
  }
  return {
    contexts,
    ...(availability ?? {}),
  };
}

type Availability = { available: ReadonlySet<string>; functions: ReadonlySet<string> };
const availabilityCache = new Map<string, Availability | undefined>();
const NO_CONTEXT: Availability = { available: new Set(), functions: new Set() };

/** The availability row for a path, as sets, computed once per distinct key. */
function availabilityFor(path: Place['path']): Availability | undefined {
  // Keys GitHub's workflow schema gives no context; the table has no row for them.
  if (takesNoContext(path)) return NO_CONTEXT;
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

export const _forTests = { isScalar, textOf, parsedExpressionCount };

export { forgetParsedExpressions };
