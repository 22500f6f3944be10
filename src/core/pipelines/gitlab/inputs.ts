/**
 * `spec: inputs` of an included file and `$[[ inputs.x ]]` interpolation, as GitLab does them:
 * inputs typed (string, number, boolean, array), with defaults, `options` and `regex`; the
 * whole-value form keeps the input's type, text around a block makes text; `truncate(a, b)`
 * cuts, `expand_vars` and `posix_escape` leave the text (variables are only known when the job runs).
 */
import { keyText, scalarText, valueOf, type AEntry, type AMap, type ANode, type AScalar, type Origin } from '../yaml/located-tree';
import { re2RegExp } from './re2';

export type InputType = 'string' | 'number' | 'boolean' | 'array';

export interface InputSpec {
  readonly name: string;
  readonly type: InputType;
  readonly default?: ANode;
  readonly options?: readonly ANode[];
  readonly regex?: string;
  readonly at: Origin;
}

export interface InputProblem {
  readonly message: string;
  readonly origin: Origin;
}

/** A bound input: its value, or `unknown` when it comes from outside (a pipeline's own inputs, a file checked alone). */
export type InputValue = ANode | 'unknown';

/** The inputs a `spec:` header declares, or undefined when it declares none. */
export function readInputSpecs(header: ANode | undefined): InputSpec[] | undefined {
  const inputs = valueOf(valueOf(header, 'spec'), 'inputs');
  if (inputs?.kind !== 'map') return undefined;
  return inputs.entries.map((entry) => {
    const spec = entry.value;
    const typeText = scalarText(valueOf(spec, 'type'));
    const type: InputType = typeText === 'number' || typeText === 'boolean' || typeText === 'array' ? typeText : 'string';
    const options = valueOf(spec, 'options');
    const regex = scalarText(valueOf(spec, 'regex'));
    const fallback = spec.kind === 'map' ? spec.entries.find((e) => keyText(e) === 'default')?.value : undefined;
    return {
      name: keyText(entry),
      type,
      ...(fallback ? { default: fallback } : {}),
      ...(options?.kind === 'seq' ? { options: options.items } : {}),
      ...(regex !== undefined ? { regex } : {}),
      at: entry.key.origin,
    };
  });
}

function typeMismatch(type: InputType, value: ANode): boolean {
  if (type === 'array') return value.kind !== 'seq';
  if (value.kind !== 'scalar') return true;
  if (type === 'string') return typeof value.value !== 'string';
  return typeof value.value !== type;
}

/** An input's `regex`, as GitLab matches it (RE2; see re2.ts), with or without surrounding slashes. */
function inputRegex(source: string): RegExp | undefined {
  return re2RegExp(source.replace(/^\/(.*)\/$/s, '$1'));
}

/**
 * Binds `include: inputs:` to the spec. `given` undefined means the values come from outside
 * (a root file's pipeline inputs, a file checked on its own): required inputs are then unknown.
 */
export function bindInputs(specs: readonly InputSpec[], given: AMap | undefined, at: Origin): { values: Map<string, InputValue>; problems: InputProblem[] } {
  const values = new Map<string, InputValue>();
  const problems: InputProblem[] = [];
  const names = new Set(specs.map((spec) => spec.name));
  const unknown = (given?.entries ?? []).filter((entry) => !names.has(keyText(entry)));
  if (unknown.length)
    problems.push({
      message: `unknown input arguments: ${unknown.map(keyText).join(', ')}`,
      origin: unknown[0]?.key.origin ?? at,
    });
  for (const spec of specs) {
    const entry = given?.entries.find((candidate) => keyText(candidate) === spec.name);
    const value = entry?.value ?? spec.default;
    if (!value) {
      if (given) problems.push({ message: `\`${spec.name}\` input: required value has not been provided`, origin: at });
      values.set(spec.name, 'unknown');
      continue;
    }
    values.set(spec.name, value);
    if (!entry) continue; // defaults are the author's own
    const where = entry.value.origin;
    if (typeMismatch(spec.type, value)) {
      problems.push({ message: `\`${spec.name}\` input: provided value is not a ${spec.type}`, origin: where });
      continue;
    }
    if (spec.options && value.kind === 'scalar' && !spec.options.some((option) => option.kind === 'scalar' && option.value === value.value))
      problems.push({
        message: `\`${spec.name}\` input: \`${String(value.value)}\` cannot be used because it is not in the list of allowed options`,
        origin: where,
      });
    if (spec.regex !== undefined && value.kind === 'scalar' && typeof value.value === 'string') {
      const pattern = inputRegex(spec.regex);
      if (pattern && !pattern.test(value.value))
        problems.push({ message: `\`${spec.name}\` input: provided value does not match required RegEx pattern`, origin: where });
    }
  }
  return { values, problems };
}

const BLOCK = /\$\[\[\s*([\s\S]*?)\s*\]\]/g;

function plainText(node: ANode): string {
  if (node.kind === 'scalar') return node.value === null ? '' : String(node.value);
  const plain = (n: ANode): unknown =>
    n.kind === 'scalar' ? n.value : n.kind === 'seq' ? n.items.map(plain) : Object.fromEntries(n.entries.map((e) => [keyText(e), plain(e.value)]));
  return JSON.stringify(plain(node));
}

interface Interpolation {
  readonly values: ReadonlyMap<string, InputValue>;
  readonly problems: InputProblem[];
}

/** One `inputs.x | fn(...)` block: its value, 'unknown', or undefined after a problem. */
function evaluateBlock(source: string, origin: Origin, context: Interpolation): InputValue | undefined {
  const [access = '', ...functions] = source.split('|').map((part) => part.trim());
  const match = /^inputs\.([\w-]+)$/.exec(access);
  if (!match) {
    context.problems.push({ message: `unknown interpolation key: \`${access}\``, origin });
    return undefined;
  }
  const value = context.values.get(match[1] as string);
  if (value === undefined) {
    context.problems.push({ message: `unknown interpolation key: \`${match[1]}\``, origin });
    return undefined;
  }
  if (value === 'unknown' || functions.length === 0) return value;
  let text = plainText(value);
  for (const call of functions) {
    const fn = /^(\w+)\s*(?:\(([^)]*)\))?$/.exec(call);
    const name = fn?.[1];
    if (name === 'truncate') {
      const [offset = 0, length = text.length] = (fn?.[2] ?? '').split(',').map((n) => Number(n.trim()));
      text = text.slice(offset, offset + length);
    } else if (name !== 'expand_vars' && name !== 'posix_escape') {
      context.problems.push({ message: `no function matching \`${call}\`: check that the function name, arguments, and types are correct`, origin });
      return undefined;
    }
  }
  return { kind: 'scalar', value: text, origin };
}

function interpolateScalar(node: AScalar, context: Interpolation): ANode {
  if (typeof node.value !== 'string' || !node.value.includes('$[[')) return node;
  const whole = /^\s*\$\[\[\s*([\s\S]*?)\s*\]\]\s*$/.exec(node.value);
  if (whole && !(whole[1] as string).includes(']]')) {
    const value = evaluateBlock(whole[1] as string, node.origin, context);
    if (value === undefined) return node;
    if (value === 'unknown') return { unknown: true, ...node };
    return value.kind === 'scalar' ? { ...node, value: value.value } : { ...value, origin: node.origin };
  }
  let unknown = false;
  const text = node.value.replace(BLOCK, (block, source: string) => {
    const value = evaluateBlock(source, node.origin, context);
    if (value === undefined) return block;
    if (value === 'unknown') {
      unknown = true;
      return block;
    }
    return plainText(value);
  });
  return unknown ? { unknown: true, ...node, value: text } : { ...node, value: text };
}

/** Interpolations kept by the tree and its bound values: a few per tree (an include used with other inputs, or an edit moving them). */
const KEPT_PER_TREE = 4;
const interpolations = new WeakMap<ANode, Map<string, { node: ANode; problems: readonly InputProblem[] }>>();

/**
 * interpolate, kept: an included file's parse lives across validations (parse-cache.ts), so an
 * edit elsewhere does not interpolate its tree again (nor relabel it: a new tree would miss that cache).
 */
export function interpolated(node: ANode, values: ReadonlyMap<string, InputValue>, problems: InputProblem[]): ANode {
  const key = JSON.stringify([...values]);
  let byValues = interpolations.get(node);
  if (!byValues) interpolations.set(node, (byValues = new Map()));
  let kept = byValues.get(key);
  if (!kept) {
    const own: InputProblem[] = [];
    // A file's root: interpolated entry by entry, each kept (after an edit most entries of its parse are the last one's).
    const made =
      node.kind === 'map'
        ? { ...node, entries: node.entries.map((entry) => keptInterpolation(entry, key, values, own).entry) }
        : interpolate(node, values, own);
    kept = { node: made, problems: own };
    byValues.set(key, kept);
    for (const oldest of byValues.keys()) {
      if (byValues.size <= KEPT_PER_TREE) break;
      byValues.delete(oldest);
    }
  }
  problems.push(...kept.problems);
  return kept.node;
}

const entryInterpolations = new WeakMap<AEntry, Map<string, { entry: AEntry; problems: readonly InputProblem[] }>>();

function keptInterpolation(entry: AEntry, key: string, values: ReadonlyMap<string, InputValue>, problems: InputProblem[]): { entry: AEntry } {
  let byValues = entryInterpolations.get(entry);
  if (!byValues) entryInterpolations.set(entry, (byValues = new Map()));
  let kept = byValues.get(key);
  if (!kept) {
    const own: InputProblem[] = [];
    kept = { entry: interpolateEntry(entry, { values, problems: own }, 1), problems: own };
    byValues.set(key, kept);
    for (const oldest of byValues.keys()) {
      if (byValues.size <= KEPT_PER_TREE) break;
      byValues.delete(oldest);
    }
  }
  problems.push(...kept.problems);
  return kept;
}

/** `$[[ ]]` replaced in every key and value of `node`. */
export function interpolate(node: ANode, values: ReadonlyMap<string, InputValue>, problems: InputProblem[]): ANode {
  return interpolateNode(node, { values, problems }, 0);
}

function interpolateNode(n: ANode, context: Interpolation, depth: number): ANode {
  if (depth > 200) return n;
  if (n.kind === 'scalar') return interpolateScalar(n, context);
  if (n.kind === 'seq') return { ...n, items: n.items.map((item) => interpolateNode(item, context, depth + 1)) };
  return { ...n, entries: n.entries.map((entry) => interpolateEntry(entry, context, depth + 1)) };
}

/** An entry of a map at `depth - 1`: its key, then its value. */
function interpolateEntry(entry: AEntry, context: Interpolation, depth: number): AEntry {
  const key = interpolateScalar(entry.key, context);
  return { key: key.kind === 'scalar' ? key : entry.key, value: interpolateNode(entry.value, context, depth) };
}
