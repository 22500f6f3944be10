import { resolve } from 'node:path';
import { isMap, isScalar, isSeq } from '../yaml/identity';
import {
  anyType,
  boolType,
  CONTEXT_TYPES,
  jobResultType,
  looseObject,
  mapOf,
  arrayOf,
  mergeTypes,
  numberType,
  rowObject,
  strictObject,
  stringType,
  typeOfJson,
  type ExprType,
  type ObjectType,
} from '../expressions';
import type { RuleContext } from '../rule';
import { get, itemsOf, keyText, pairsOf, stringList, textOf } from '../yaml/nodes';
import { eventPayloadType } from './data/event-payloads';
import { lookupPopularAction } from './data/popular-actions';
import { localCalleeSpec } from './workflow-call-metadata';
import { readLocalAction } from './action-metadata';
import { sameRepositoryPath } from './same-repository';
import { jobsOf, stepsOf, type JobNode } from './workflow-nodes';

/**
 * The types of the dynamic contexts at a place in a workflow: what `matrix`,
 * `steps`, `needs`, `inputs`, `vars` and `jobs` hold there. Strict objects
 * make `matrix.os` in a job without that dimension an error.
 */
export interface WorkflowTypes {
  readonly inputs: ExprType;
  readonly vars: ExprType;
  readonly jobs: ExprType;
  /** The github context with `event` typed by the payloads of the workflow's events, when all are known. */
  readonly github: ExprType | undefined;
  matrixOf(job: JobNode): ExprType;
  needsOf(job: JobNode): ExprType;
  /** Steps before `beforeIndex` (all of them when undefined) that have an id. */
  stepsOf(job: JobNode, beforeIndex: number | undefined): ExprType;
}

const inputType = (type: string | undefined): ExprType => (type === 'boolean' ? boolType : type === 'number' ? numberType : stringType);

export function workflowTypes(context: RuleContext): WorkflowTypes {
  const { doc } = context.source;
  const on = get(doc, doc.contents, 'on');
  const jobs = jobsOf(context);

  // inputs: from workflow_dispatch and workflow_call; strict once either trigger is there.
  let inputs: ExprType = strictObject({});
  const inputProps: Record<string, ExprType> = {};
  let declaresInputs = false;
  let dynamicInputs = false;
  for (const trigger of ['workflow_dispatch', 'workflow_call']) {
    const spec = isMap(on) ? get(doc, on, trigger) : undefined;
    if (isMap(on) && pairsOf(doc, on).some((pair) => keyText(pair) === trigger)) declaresInputs = true;
    const inputsNode = get(doc, spec, 'inputs');
    if (inputsNode && !isMap(inputsNode)) dynamicInputs = true;
    for (const pair of pairsOf(doc, inputsNode)) inputProps[keyText(pair).toLowerCase()] = inputType(textOf(doc, get(doc, pair.value, 'type')));
  }
  if (dynamicInputs) inputs = looseObject();
  else if (declaresInputs || Object.keys(inputProps).length) inputs = strictObject(inputProps);
  else if (!isMap(on) && !isSeq(on) && !isScalar(on)) inputs = looseObject();

  const vars = context.config.configVariables
    ? strictObject(Object.fromEntries(context.config.configVariables.map((name) => [name.toLowerCase(), stringType])))
    : mapOf(stringType);

  const outputsOf = (job: JobNode | undefined): ExprType => {
    if (!job) return anyType;
    const uses = get(doc, job.map, 'uses');
    if (uses) {
      // A reusable workflow's outputs live in the callee: typed when it is a local file we can read.
      const callee = localCalleeSpec(context.root, textOf(doc, uses)?.trim() ?? '', context.readFile);
      if (!callee?.outputs) return mapOf(stringType);
      return strictObject(Object.fromEntries([...callee.outputs].map((name) => [name, stringType])));
    }
    const outputs = get(doc, job.map, 'outputs');
    if (outputs && !isMap(outputs)) return mapOf(stringType);
    return strictObject(Object.fromEntries(pairsOf(doc, outputs).map((pair) => [keyText(pair).toLowerCase(), stringType])));
  };
  // Each job's result type once: every job needing it asks again.
  const results = new Map<JobNode | undefined, ExprType>();
  const resultOf = (job: JobNode | undefined): ExprType => {
    let result = results.get(job);
    if (!result) results.set(job, (result = strictObject({ outputs: outputsOf(job), result: stringType })));
    return result;
  };
  const byId = new Map(jobs.map((job) => [job.id.toLowerCase(), job]));
  const stepPrefixes = new Map<string, ExprType[]>();
  /** prefixes[i] = the steps context seen by step i (steps 0..i-1 with ids); the last entry holds all steps. */
  const stepPrefixTypes = (job: JobNode): ExprType[] => {
    const prefixes: ExprType[] = [];
    const props: Record<string, ExprType> = {};
    // Steps without an id leave the context as it was: those prefixes share one type (types are only read).
    let current: ExprType | undefined;
    const snapshot = (): ExprType => (current ??= strictObject({ ...props }));
    for (const step of stepsOf(context, job)) {
      while (prefixes.length <= step.index) prefixes.push(snapshot());
      const id = textOf(doc, get(doc, step.map, 'id'));
      if (id && !id.includes('${{')) {
        const outputs = stepOutputs(textOf(doc, get(doc, step.map, 'uses'))?.trim(), context);
        props[id.toLowerCase()] = strictObject({ outputs, outcome: stringType, conclusion: stringType });
        current = undefined;
      }
    }
    prefixes.push(snapshot());
    return prefixes;
  };

  return memoized({
    inputs,
    vars,
    github: githubType(context, on, inputProps, dynamicInputs),
    jobs: strictObject(Object.fromEntries(jobs.map((job) => [job.id.toLowerCase(), resultOf(job)]))),
    matrixOf(job) {
      const strategy = get(doc, job.map, 'strategy');
      const matrix = get(doc, strategy, 'matrix');
      if (!strategy || !matrix) return strictObject({});
      if (!isMap(matrix)) return looseObject();
      const props: Record<string, ExprType> = {};
      const add = (key: string, type: ExprType) => {
        const lower = key.toLowerCase();
        props[lower] = props[lower] ? mergeMatrixTypes(props[lower] as ExprType, type) : type;
      };
      let dynamic = false;
      for (const pair of pairsOf(doc, matrix)) {
        const key = keyText(pair);
        const value = get(doc, matrix, key);
        if (key === 'include' || key === 'exclude') {
          if (key === 'include' && value && !isSeq(value)) dynamic = true;
          if (key === 'include')
            for (const row of itemsOf(doc, value))
              for (const cell of pairsOf(doc, row)) add(keyText(cell), matrixValueType(toPlain(get(doc, row, keyText(cell)))));
          continue;
        }
        if (!isSeq(value)) {
          add(key, anyType);
          continue;
        }
        const items = itemsOf(doc, value).map((item) => matrixValueType(toPlain(item)));
        add(key, items.reduce<ExprType | undefined>((acc, type) => (acc ? mergeMatrixTypes(acc, type) : type), undefined) ?? anyType);
      }
      return dynamic ? looseObject(props) : strictObject(props);
    },
    needsOf(job) {
      const needs = stringList(doc, get(doc, job.map, 'needs'));
      if (needs.some((need) => need.value.includes('${{'))) return mapOf(jobResultType);
      return strictObject(Object.fromEntries(needs.map((need) => [need.value.toLowerCase(), resultOf(byId.get(need.value.toLowerCase()))])));
    },
    stepsOf(job, beforeIndex) {
      // One pass over the job's steps gives every prefix: steps before index i.
      let prefixes = stepPrefixes.get(job.id);
      if (!prefixes) stepPrefixes.set(job.id, (prefixes = stepPrefixTypes(job)));
      const index = beforeIndex === undefined ? prefixes.length - 1 : Math.min(beforeIndex, prefixes.length - 1);
      return prefixes[index] ?? strictObject({});
    },
  });
}

/** Types are asked for once per expression: compute each job's (and step's) once per file. */
function memoized(types: WorkflowTypes): WorkflowTypes {
  const matrices = new Map<string, ExprType>();
  const needs = new Map<string, ExprType>();
  const steps = new Map<string, Map<number | undefined, ExprType>>();
  const remember = <K>(cache: Map<K, ExprType>, key: K, compute: () => ExprType) => {
    let value = cache.get(key);
    if (!value) cache.set(key, (value = compute()));
    return value;
  };
  return {
    inputs: types.inputs,
    vars: types.vars,
    jobs: types.jobs,
    github: types.github,
    matrixOf: (job) => remember(matrices, job.id, () => types.matrixOf(job)),
    needsOf: (job) => remember(needs, job.id, () => types.needsOf(job)),
    stepsOf: (job, before) => {
      let ofJob = steps.get(job.id);
      if (!ofJob) steps.set(job.id, (ofJob = new Map()));
      return remember(ofJob, before, () => types.stepsOf(job, before));
    },
  };
}

/**
 * `github` with `event` typed by the webhook payloads of the events in `on:` (every key any of them
 * sends). Open (undefined: the built-in type) when one is not in the table: schedule, workflow_call
 * (it runs with its caller's event), an event written as an expression.
 */
function githubType(context: RuleContext, on: unknown, inputProps: Record<string, ExprType>, dynamicInputs: boolean): ExprType | undefined {
  const { doc } = context.source;
  let events: string[];
  if (isScalar(on)) events = [textOf(doc, on) ?? ''];
  else if (isSeq(on)) events = itemsOf(doc, on).map((item) => (isScalar(item) ? (textOf(doc, item) ?? '') : ''));
  else if (isMap(on)) events = pairsOf(doc, on).map(keyText);
  else return undefined;
  const payload = eventPayloadType(events);
  if (!payload) return undefined;
  let event = payload;
  // workflow_dispatch's inputs: the declared ones (their values are strings there, booleans included).
  if (events.includes('workflow_dispatch') && !dynamicInputs && event.props.inputs && !events.includes('workflow_call')) {
    const inputs: ObjectType = {
      kind: 'object',
      props: Object.fromEntries(Object.keys(inputProps).map((name) => [name, anyType])),
      strict: true,
      payload: true,
    };
    event = { ...event, props: { ...event.props, inputs } };
  }
  if (event === payload) return githubWithEvent(payload); // the built-in payload: one github type for it
  const github = CONTEXT_TYPES.github as ObjectType;
  return { ...github, props: { ...github.props, event } };
}

/** `github` with `event` set, one per payload type from the built-in table (it depends on no file): a copy of its ~30 props per file cost ~1.5 %. */
const githubTypes = new WeakMap<ObjectType, ExprType>();
function githubWithEvent(event: ObjectType): ExprType {
  let type = githubTypes.get(event);
  if (!type) {
    const github = CONTEXT_TYPES.github as ObjectType;
    githubTypes.set(event, (type = { ...github, props: { ...github.props, event } }));
  }
  return type;
}

/**
 * A popular action whose outputs we know completely gets strict outputs, and so does a local action
 * from its action.yml (a composite one has only those; a JavaScript or Docker one may set others,
 * so a miss there is a warning); anything else is open.
 */
function stepOutputs(uses: string | undefined, context: RuleContext): ExprType {
  const local = uses && !uses.includes('${{') ? sameRepositoryPath(uses) : undefined;
  if (local) {
    const metadata = readLocalAction(resolve(context.root, local), context.readFile);
    if (!metadata?.using) return mapOf(stringType);
    const outputs: ObjectType = {
      ...strictObject(Object.fromEntries([...metadata.outputs].map((name) => [name, stringType]))),
      origin: `the outputs ${uses} declares`,
    };
    return metadata.using === 'composite' ? outputs : { ...outputs, undeclaredMayExist: true };
  }
  const action = uses ? lookupPopularAction(uses) : undefined;
  if (!action || !action.outputsComplete) return mapOf(stringType);
  return strictObject(Object.fromEntries(action.outputs.map((name) => [name.toLowerCase(), stringType])));
}

/** Like typeOfJson, but a value written as an expression can be anything (e.g. fromJSON of an object). */
function matrixValueType(value: unknown, depth = 0): ExprType {
  if (typeof value === 'string' && value.includes('${{')) return anyType;
  if (depth > 16) return anyType;
  if (Array.isArray(value))
    return value.length === 0 ? typeOfJson(value) : arrayOf(value.map((item) => matrixValueType(item, depth + 1)).reduce((a, b) => mergeMatrixTypes(a, b)));
  if (value && typeof value === 'object')
    return rowObject(Object.fromEntries(Object.entries(value).map(([key, item]) => [key.toLowerCase(), matrixValueType(item, depth + 1)])));
  return typeOfJson(value);
}

/**
 * Two rows' values as one type: objects keep every key either row has, so a key that only
 * some rows set is known, and one no row sets is doubtful (null at run time) in every job alike.
 */
function mergeMatrixTypes(a: ExprType, b: ExprType): ExprType {
  if (a.kind === 'object' && b.kind === 'object' && a.missingIsNull && b.missingIsNull) {
    const props: Record<string, ExprType> = { ...a.props };
    for (const [key, type] of Object.entries(b.props)) props[key] = props[key] ? mergeMatrixTypes(props[key] as ExprType, type) : type;
    return rowObject(props);
  }
  if (a.kind === 'array' && b.kind === 'array') return arrayOf(mergeMatrixTypes(a.elem, b.elem));
  return mergeTypes(a, b);
}

function toPlain(node: unknown): unknown {
  const withJson = node as { toJSON?: () => unknown } | null | undefined;
  return typeof withJson?.toJSON === 'function' ? withJson.toJSON() : null;
}
