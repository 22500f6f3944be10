/**
 * Values of Azure Pipelines expressions and Azure's conversions between them (the "Type casting"
 * table of Microsoft's Expressions reference).
 */

/** A version literal (`1.2.3`): compared part by part, shown as written. */
export class AzureVersion {
  constructor(readonly text: string) {}
  parts(): number[] {
    return this.text.split('.').map(Number);
  }
}

/**
 * A value not known offline (a run-time variable, a parameter the person chooses when queuing the
 * run). Functions of it are unknown too, except where the answer does not depend on it
 * (`and(false, x)`); an `${{ if }}` on it cannot be decided.
 */
export class AzureUnknown {
  constructor(readonly why: string) {}
}

export type AzureValue = null | boolean | number | string | AzureVersion | AzureUnknown | readonly AzureValue[] | { readonly [key: string]: AzureValue };

/** Objects whose missing keys are unknown rather than null (`variables` read at compile time). */
const openObjects = new WeakSet<object>();

export function openObject(record: Record<string, AzureValue>, why: string): AzureValue {
  openObjects.add(record);
  openReasons.set(record, why);
  return record;
}
const openReasons = new WeakMap<object, string>();

/** Why a key missing from an open object is not known, or undefined for an ordinary object. */
export const whyOpen = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && openObjects.has(value) ? openReasons.get(value) : undefined;

export const isUnknown = (value: AzureValue | undefined): value is AzureUnknown => value instanceof AzureUnknown;

export const isAzureObject = (value: AzureValue | undefined): value is { readonly [key: string]: AzureValue } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof AzureVersion) && !(value instanceof AzureUnknown);

/** Azure's truthiness: null, false, 0 and '' are false; everything else is true. */
export function toBoolean(value: AzureValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return true;
}

/** How a value prints inside a string: booleans as `True`/`False`, null as ''. */
export function toText(value: AzureValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof AzureVersion) return value.text;
  if (value instanceof AzureUnknown) return '';
  return 'Object';
}

/** A number, or NaN when the value has none (Azure then answers false to a comparison). */
export function toNumber(value: AzureValue | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return 0;
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
  }
  return NaN;
}

function toVersion(value: AzureValue | undefined): AzureVersion | undefined {
  if (value instanceof AzureVersion) return value;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return text !== undefined && /^\d+(\.\d+){1,3}$/.test(text) ? new AzureVersion(text) : undefined;
}

/**
 * Compares `left` with `right` converted to `left`'s type, as `eq`, `lt` and friends do:
 * negative, zero, positive, or undefined when the conversion fails (every comparison is then false,
 * except `ne`).
 */
export function compareAzure(left: AzureValue | undefined, right: AzureValue | undefined): number | undefined {
  // Null takes only null and '' (Azure's String-to-Null cast): `ne(parameters.x, '')` is false for a missing x.
  if (left === null || left === undefined) return right === null || right === undefined || right === '' ? 0 : undefined;
  if (typeof left === 'boolean') {
    const other = toBoolean(right);
    return Number(left) - Number(other);
  }
  if (typeof left === 'number') {
    const other = toNumber(right);
    return Number.isNaN(other) ? undefined : Math.sign(left - other);
  }
  if (typeof left === 'string') {
    if (left === right) return 0;
    if (right !== null && right !== undefined && typeof right === 'object' && !(right instanceof AzureVersion)) return undefined;
    const a = left.toUpperCase();
    const b = toText(right).toUpperCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (left instanceof AzureVersion) {
    const other = toVersion(right);
    if (!other) return undefined;
    const a = left.parts();
    const b = other.parts();
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const diff = (a[i] ?? 0) - (b[i] ?? 0);
      if (diff !== 0) return Math.sign(diff);
    }
    return 0;
  }
  // Arrays and objects are equal only to themselves.
  return left === right ? 0 : undefined;
}

/** JSON as `convertToJson` writes it (two-space indent; versions as strings). */
export function toJson(value: AzureValue | undefined): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) => (item instanceof AzureVersion ? item.text : item instanceof AzureUnknown ? null : item), 2);
}
