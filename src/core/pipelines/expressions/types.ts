import { lowercase } from '../lowercase';

/**
 * Static types of expression values, as actionlint models them.
 * Object property names are stored lowercase because every lookup is case-insensitive.
 */

export type ExprType =
  | { readonly kind: 'any' }
  | { readonly kind: 'null' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'number' }
  | { readonly kind: 'string' }
  | ArrayType
  | ObjectType;

export interface ArrayType {
  readonly kind: 'array';
  readonly elem: ExprType;
  /** Made by an object filter (`.*`): a following `.name` maps over the items. */
  readonly filtered?: boolean;
}

export interface ObjectType {
  readonly kind: 'object';
  /** Known properties, keys lowercase. */
  readonly props: Readonly<Record<string, ExprType>>;
  /** The type of any property not listed in `props` (maps such as `env`). */
  readonly additional?: ExprType;
  /** When true and there is no `additional`, an unlisted property is a mistake. */
  readonly strict?: boolean;
  /** A matrix row's object: an unlisted property is null at run time (an empty string), so only doubtful. */
  readonly missingIsNull?: boolean;
  /** Where the keys come from, for messages: "the payload of push". */
  readonly origin?: string;
  /**
   * A webhook payload's object (`github.event...`): an unknown key is reported at its name, not at the
   * whole path, and the object itself may be absent (null) at run time, as optional keys are.
   */
  readonly payload?: boolean;
  /**
   * Keys of `github.event` that only the payloads of events this workflow does not listen to send
   * (`pull_request` in a push workflow): always null here, but no typo.
   */
  readonly elsewhere?: ReadonlySet<string>;
  /** A JavaScript or Docker action's declared outputs: it may still set others, so an unlisted one is only doubtful. */
  readonly undeclaredMayExist?: boolean;
}

export const anyType: ExprType = { kind: 'any' };
export const nullType: ExprType = { kind: 'null' };
export const boolType: ExprType = { kind: 'bool' };
export const numberType: ExprType = { kind: 'number' };
export const stringType: ExprType = { kind: 'string' };

export function arrayOf(elem: ExprType, filtered = false): ArrayType {
  return filtered ? { kind: 'array', elem, filtered } : { kind: 'array', elem };
}

/** An object with exactly these properties (unknown ones are reported). */
export function strictObject(props: Readonly<Record<string, ExprType>>): ObjectType {
  return { kind: 'object', props: lowerKeys(props), strict: true };
}

/** An object of a matrix row: a property no row has is reported as doubtful, not wrong (GitHub reads it as null). */
export function rowObject(props: Readonly<Record<string, ExprType>>): ObjectType {
  return { kind: 'object', props: lowerKeys(props), strict: true, missingIsNull: true };
}

/** An object with these known properties and any others of unknown type. */
export function looseObject(props: Readonly<Record<string, ExprType>> = {}): ObjectType {
  return { kind: 'object', props: lowerKeys(props) };
}

/** A map whose every property has the type `value` (`env`, `secrets`, `steps`, ...). */
export function mapOf(value: ExprType, props: Readonly<Record<string, ExprType>> = {}): ObjectType {
  return { kind: 'object', props: lowerKeys(props), additional: value };
}

function lowerKeys(props: Readonly<Record<string, ExprType>>): Record<string, ExprType> {
  const out: Record<string, ExprType> = Object.create(null) as Record<string, ExprType>;
  for (const [key, value] of Object.entries(props)) out[lowercase(key)] = value;
  return out;
}

/** The type of a property of an object type, or undefined when the object does not have it. */
export function propertyType(object: ObjectType, name: string): ExprType | undefined {
  const key = lowercase(name);
  if (Object.prototype.hasOwnProperty.call(object.props, key)) return object.props[key];
  if (object.additional) return object.additional;
  return object.strict ? undefined : anyType;
}

/**
 * False for objects and arrays: interpolated into a string they print as "Object" or "Array",
 * which is never what the author meant.
 */
export function isSafeToInterpolate(type: ExprType): boolean {
  return type.kind !== 'object' && type.kind !== 'array';
}

/** The type of a value that is one of `a` or `b`. */
export function mergeTypes(a: ExprType, b: ExprType): ExprType {
  if (a.kind === 'any' || b.kind === 'any') return anyType;
  if (a.kind === 'array' && b.kind === 'array') return arrayOf(mergeTypes(a.elem, b.elem));
  if (a.kind === 'object' && b.kind === 'object') return a === b ? a : looseObject();
  if (a.kind === b.kind) return a;
  return anyType;
}

/** "a string", "an object", ... for messages. */
export function describeType(type: ExprType): string {
  switch (type.kind) {
    case 'any':
      return 'a value of any type';
    case 'null':
      return 'null';
    case 'bool':
      return 'a boolean';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
  }
}

/** The type of a JSON value, as `fromJSON('...')` with a literal argument returns it. */
export function typeOfJson(value: unknown, depth = 0): ExprType {
  if (depth > 32) return anyType; // deep enough to be useful, shallow enough never to overflow
  if (value === null) return nullType;
  if (typeof value === 'boolean') return boolType;
  if (typeof value === 'number') return numberType;
  if (typeof value === 'string') return stringType;
  if (Array.isArray(value))
    return arrayOf(
      value.map((item) => typeOfJson(item, depth + 1)).reduce<ExprType | undefined>((acc, t) => (acc ? mergeTypes(acc, t) : t), undefined) ?? anyType,
    );
  if (typeof value === 'object') {
    const props: Record<string, ExprType> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) props[key] = typeOfJson(item, depth + 1);
    return strictObject(props);
  }
  return anyType;
}
