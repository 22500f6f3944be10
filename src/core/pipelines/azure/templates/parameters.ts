/**
 * Template parameters: what a template declares (typed list form, or the legacy untyped map form
 * still common in real repositories) and what a `template:` reference passes, checked as Azure
 * DevOps checks them when it compiles the pipeline.
 */
import { AzureUnknown, compareAzure, type AzureValue } from '../expressions';
import { didYouMean } from '../../expressions/suggest';
import { entryOf, keyText, scalarText, valueOf, type AMap, type ANode, type AScalar, type Origin } from './tree';
import { nodeToValue } from './values';

export const PARAMETER_TYPES = [
  'boolean',
  'number',
  'string',
  'object',
  'step',
  'stepList',
  'job',
  'jobList',
  'deployment',
  'deploymentList',
  'stage',
  'stageList',
  'container',
  'containerList',
  'pool',
  'environment',
  'filePath',
  'secureFile',
  'serviceConnection',
  'stringList',
] as const;

export interface ParameterDeclaration {
  readonly name: string;
  readonly type: string;
  readonly default?: ANode;
  readonly values?: readonly ANode[];
  readonly origin: Origin;
}

export interface Declarations {
  /** False for the legacy map form: any parameter may be passed, none is required. */
  readonly typed: boolean;
  readonly list: readonly ParameterDeclaration[];
}

export interface ParameterProblem {
  readonly rule: 'azure-template-parameters';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly origin: Origin;
  /** A required parameter not given: its name (the caller may add it). */
  readonly missing?: string;
}

const LIST_TYPES: Readonly<Record<string, 'map' | 'seq' | 'scalar' | 'map-or-scalar'>> = {
  string: 'scalar',
  boolean: 'scalar',
  number: 'scalar',
  filePath: 'scalar',
  secureFile: 'scalar',
  serviceConnection: 'scalar',
  step: 'map',
  job: 'map',
  deployment: 'map',
  stage: 'map',
  container: 'map',
  stepList: 'seq',
  jobList: 'seq',
  deploymentList: 'seq',
  stageList: 'seq',
  containerList: 'seq',
  stringList: 'seq',
  pool: 'map-or-scalar',
  environment: 'map-or-scalar',
};

/** A template's declarations are read once per parse, however many references bind them. */
const declared = new WeakMap<ANode, { declarations: Declarations; problems: ParameterProblem[] }>();

export function readDeclarations(node: ANode | undefined): { declarations: Declarations; problems: ParameterProblem[] } {
  if (!node) return readDeclarationsOf(node);
  let read = declared.get(node);
  if (!read) {
    read = readDeclarationsOf(node);
    declared.set(node, read);
  }
  return read;
}

function readDeclarationsOf(node: ANode | undefined): { declarations: Declarations; problems: ParameterProblem[] } {
  const problems: ParameterProblem[] = [];
  // A template that declares nothing takes whatever it is given (real pipelines pass parameters through such files).
  if (!node || (node.kind === 'scalar' && node.value === null)) return { declarations: { typed: false, list: [] }, problems };
  if (node.kind === 'map') {
    // Legacy form: `parameters: { name: default }`.
    const list = node.entries.map((entry) => ({ name: keyText(entry), type: 'object', default: entry.value, origin: entry.key.origin }));
    return { declarations: { typed: false, list }, problems };
  }
  if (node.kind !== 'seq') {
    problems.push({
      rule: 'azure-template-parameters',
      severity: 'error',
      message: 'Parameters are a list of `- name:` entries (or a mapping of names to defaults).',
      origin: node.origin,
    });
    return { declarations: { typed: true, list: [] }, problems };
  }
  const list: ParameterDeclaration[] = [];
  const seen = new Set<string>();
  for (const item of node.items) {
    const name = scalarText(valueOf(item, 'name'));
    if (item.kind !== 'map' || !name) {
      problems.push({ rule: 'azure-template-parameters', severity: 'error', message: 'A parameter needs a `name`.', origin: item.origin });
      continue;
    }
    problems.push(...declarationKeyProblems(item));
    const type = scalarText(valueOf(item, 'type')) ?? 'string';
    const typeNode = valueOf(item, 'type');
    if (typeNode && !(PARAMETER_TYPES as readonly string[]).includes(type))
      problems.push({
        rule: 'azure-template-parameters',
        severity: 'error',
        message: `'${type}' is not a parameter type. Use one of: ${PARAMETER_TYPES.join(', ')}.`,
        origin: typeNode.origin,
      });
    if (seen.has(name.toLowerCase()))
      problems.push({ rule: 'azure-template-parameters', severity: 'error', message: `Parameter '${name}' is declared more than once.`, origin: item.origin });
    seen.add(name.toLowerCase());
    const values = valueOf(item, 'values');
    const defaultEntry = entryOf(item, 'default');
    list.push({
      name,
      type,
      ...(defaultEntry ? { default: defaultEntry.value } : {}),
      ...(values?.kind === 'seq' ? { values: values.items } : {}),
      origin: (valueOf(item, 'name') as AScalar).origin,
    });
  }
  return { declarations: { typed: true, list }, problems };
}

const DECLARATION_KEYS = ['name', 'displayName', 'type', 'default', 'values'];

/** A declaration holds these keys only, with literal values: Azure reads parameters before any expression. */
function declarationKeyProblems(item: AMap): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  const problem = (message: string, origin: Origin): number => problems.push({ rule: 'azure-template-parameters', severity: 'error', message, origin });
  let expression: ANode | undefined;
  const findExpression = (node: ANode, depth: number): void => {
    if (expression || depth > 50) return;
    if (node.kind === 'scalar') {
      if (typeof node.value === 'string' && node.value.includes('${{')) expression = node;
    } else if (node.kind === 'seq') for (const child of node.items) findExpression(child, depth + 1);
    else
      for (const entry of node.entries) {
        findExpression(entry.key, depth + 1);
        findExpression(entry.value, depth + 1);
      }
  };
  for (const entry of item.entries) {
    const name = keyText(entry);
    findExpression(entry.key, 0);
    if (!name.includes('${{') && !DECLARATION_KEYS.some((key) => key.toLowerCase() === name.toLowerCase()))
      problem(`Unexpected value '${name}' in a parameter.${didYouMean(name, DECLARATION_KEYS)}`, entry.key.origin);
    findExpression(entry.value, 0);
  }
  if (expression)
    problem('A template expression is not allowed in this context: a parameter declaration holds only literal values.', (expression as ANode).origin);
  return problems;
}

function shapeProblem(declaration: ParameterDeclaration, value: ANode): string | undefined {
  const expected = LIST_TYPES[declaration.type];
  if (!expected || (value.kind === 'scalar' && value.unknown)) return undefined;
  if (value.kind === 'scalar' && typeof value.value === 'string' && /^\s*\$\{\{/.test(value.value)) return undefined;
  if (expected === 'scalar' && value.kind !== 'scalar')
    return `${value.kind === 'map' ? 'A mapping' : 'A sequence'} was not expected for the '${declaration.name}' parameter (type ${declaration.type}).`;
  if (expected === 'map' && value.kind !== 'map') return `The '${declaration.name}' parameter (type ${declaration.type}) expects a mapping.`;
  if (expected === 'seq' && value.kind !== 'seq' && !(value.kind === 'scalar' && value.value === null))
    return `The '${declaration.name}' parameter (type ${declaration.type}) expects a sequence.`;
  if (expected === 'map-or-scalar' && value.kind === 'seq')
    return `A sequence was not expected for the '${declaration.name}' parameter (type ${declaration.type}).`;
  if (value.kind !== 'scalar' || value.value === null) return undefined;
  if (declaration.type === 'boolean' && !(typeof value.value === 'boolean' || /^(true|false)$/i.test(String(value.value))))
    return `The '${declaration.name}' parameter is a boolean: '${String(value.value)}' is not true or false.`;
  if (declaration.type === 'number' && typeof value.value !== 'number' && !/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(String(value.value)))
    return `The '${declaration.name}' parameter is a number: '${String(value.value)}' is not one.`;
  return undefined;
}

/** The value a typed parameter takes: booleans and numbers converted as Azure converts them. */
function typedValue(declaration: ParameterDeclaration, node: ANode): AzureValue {
  const value = nodeToValue(node);
  if (node.kind !== 'scalar' || node.unknown || typeof value !== 'string') return value;
  if (declaration.type === 'boolean' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (declaration.type === 'number' && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(value)) return Number(value);
  return value;
}

/** A declaration's `values` read once per parse (they are only compared with passed scalars, never by identity). */
const allowedOf = new WeakMap<readonly ANode[], readonly AzureValue[]>();
function allowedValues(values: readonly ANode[]): readonly AzureValue[] {
  let allowed = allowedOf.get(values);
  if (!allowed) allowedOf.set(values, (allowed = values.map(nodeToValue)));
  return allowed;
}

/**
 * What a declaration's default gives every reference that leaves it: its problem (a default is
 * checked as a passed value is) and, for a scalar, its value (a primitive: no identity to keep).
 * Read once per declaration list: most references leave most defaults.
 */
interface DefaultRead {
  readonly problem: string | undefined;
  value?: AzureValue;
}
const defaultsRead = new WeakMap<Declarations, (DefaultRead | undefined)[]>();
function defaultsOf(declarations: Declarations): (DefaultRead | undefined)[] {
  let read = defaultsRead.get(declarations);
  if (!read) defaultsRead.set(declarations, (read = []));
  return read;
}

function notInValues(declaration: ParameterDeclaration, node: ANode): string | undefined {
  if (!declaration.values || declaration.values.length === 0) return undefined;
  const allowed = allowedValues(declaration.values);
  const check = (item: ANode): string | undefined => {
    if (item.kind !== 'scalar' || item.unknown || item.value === null) return undefined;
    if (typeof item.value === 'string' && item.value.includes('${{')) return undefined;
    return allowed.some((value) => compareAzure(value, item.value) === 0) ? undefined : String(item.value);
  };
  const wrong = node.kind === 'seq' ? node.items.map(check).find((value) => value !== undefined) : check(node);
  if (wrong === undefined) return undefined;
  const shown = allowed.map((value) => String(value)).join(', ');
  return `The '${declaration.name}' parameter value '${wrong}' is not a valid value. Allowed: ${shown}.`;
}

/**
 * The `parameters` a template sees: each declaration's passed value or default, checked. With
 * `queueTime`, a required parameter with no value is chosen when the run is queued (unknown
 * offline) instead of an error: that is the pipeline file's own parameters.
 */
export function bindParameters(
  declarations: Declarations,
  passed: ANode | undefined,
  reference: Origin,
  /** `open`: some passed names are not known offline (an undecided `${{ each }}`): no claims about missing or unexpected ones. */
  options: { queueTime?: boolean; overrides?: Readonly<Record<string, string>>; open?: boolean } = {},
): { values: Record<string, AzureValue>; problems: ParameterProblem[] } {
  const problems: ParameterProblem[] = [];
  const values: Record<string, AzureValue> = {};
  const given = new Map<string, { key: AScalar; value: ANode }>();
  let open = options.open === true;
  if (passed?.kind === 'map')
    for (const entry of passed.entries) {
      if (entry.key.unknown || entry.key.undecided || entry.value.undecided) open = true;
      // A name not known offline (`${{ parameter.key }}` over unknown parameters) is no name to judge.
      if (!entry.key.unknown) given.set(keyText(entry).toLowerCase(), entry);
    }
  else if (passed?.kind === 'scalar' && passed.unknown) open = true;
  if (passed && passed.kind !== 'map' && !(passed.kind === 'scalar' && (passed.value === null || passed.unknown)))
    problems.push({
      rule: 'azure-template-parameters',
      severity: 'error',
      message: 'Template parameters are a mapping of names to values.',
      origin: passed.origin,
    });
  const defaults = defaultsOf(declarations);
  for (let index = 0; index < declarations.list.length; index++) {
    const declaration = declarations.list[index] as ParameterDeclaration;
    const lower = declaration.name.toLowerCase();
    const entry = given.get(lower);
    if (entry) given.delete(lower);
    const override = options.overrides?.[declaration.name];
    const node: ANode | undefined = override !== undefined ? { kind: 'scalar', value: override, origin: reference } : (entry?.value ?? declaration.default);
    if (!node) {
      if (declarations.typed && !options.queueTime && !open)
        problems.push({
          rule: 'azure-template-parameters',
          severity: 'error',
          message: `A value for the '${declaration.name}' parameter must be provided.`,
          origin: reference,
          missing: declaration.name,
        });
      values[declaration.name] = new AzureUnknown(`the '${declaration.name}' parameter is chosen when the run is queued`);
      continue;
    }
    const byDefault =
      !entry && override === undefined
        ? (defaults[index] ??= { problem: declarations.typed ? (shapeProblem(declaration, node) ?? notInValues(declaration, node)) : undefined })
        : undefined;
    // A default is checked as a passed value is, where it is used.
    if (declarations.typed && (entry || override === undefined)) {
      const problem = byDefault ? byDefault.problem : (shapeProblem(declaration, node) ?? notInValues(declaration, node));
      if (problem) problems.push({ rule: 'azure-template-parameters', severity: 'error', message: problem, origin: node.origin });
    }
    if (byDefault && node.kind === 'scalar' && !node.unknown)
      values[declaration.name] =
        byDefault.value !== undefined ? byDefault.value : (byDefault.value = declarations.typed ? typedValue(declaration, node) : nodeToValue(node));
    else values[declaration.name] = declarations.typed ? typedValue(declaration, node) : nodeToValue(node);
  }
  for (const [, entry] of given) {
    if (declarations.typed)
      problems.push({ rule: 'azure-template-parameters', severity: 'error', message: `Unexpected parameter '${keyText(entry)}'.`, origin: entry.key.origin });
    else values[keyText(entry)] = nodeToValue(entry.value);
  }
  return { values, problems };
}
