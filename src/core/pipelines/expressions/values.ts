/**
 * Runtime values and GitHub's coercion rules ("Evaluate expressions": operators and
 * type conversion), matching the runner: loose equality through numbers, case-insensitive
 * string comparison, G15 number printing.
 */

export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value };

export type ValueKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function kindOf(value: Value): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

export const isPrimitive = (value: Value): value is null | boolean | number | string => value === null || typeof value !== 'object';

/** Falsy: false, 0, -0, '', null and NaN. Everything else, objects and arrays included, is truthy. */
export function isTruthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return true;
}

/** How GitHub prints a value into a string: null is '', objects and arrays print their kind. */
export function toDisplayString(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberToString(value);
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? 'Array' : 'Object';
}

/** .NET's "G15" format, which the runner uses: 15 significant digits, exponent outside 1e-5..1e15. */
export function numberToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential(14).split('e');
  const exponent = Number(exponentText);
  if (exponent > -5 && exponent < 15) return String(Number(value.toPrecision(15)));
  const digits = mantissa.replace(/\.?0+$/, '');
  const sign = exponent < 0 ? '-' : '+';
  return `${digits}E${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** String to number the way the runner converts for comparison (like JavaScript's Number()). */
export function stringToNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return Number(trimmed.replace(/^\+/, ''));
  if (/^0x[0-9a-fA-F]{1,8}$/.test(trimmed)) return Number(trimmed) | 0; // a 32-bit integer, as the runner parses it
  if (/^0o[0-7]{1,11}$/.test(trimmed)) {
    const octal = Number(trimmed);
    return octal <= 0x7fffffff ? octal : NaN;
  }
  if (trimmed === 'Infinity') return Infinity;
  if (trimmed === '-Infinity') return -Infinity;
  return NaN;
}

export function toNumber(value: Value): number {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return stringToNumber(value);
  return NaN;
}

/** Upper case for ordinal-ignore-case comparison; the dotless ı stays as it is, as in .NET. */
function upper(text: string): string {
  return text.includes('ı')
    ? text
        .split('ı')
        .map((part) => part.toUpperCase())
        .join('ı')
    : text.toUpperCase();
}

/**
 * Both sides brought to one kind where GitHub does so: null and booleans become numbers,
 * a string next to a number becomes a number; objects and arrays never change.
 */
function coerce(left: Value, right: Value): [Value, Value] {
  let l = left;
  let r = right;
  for (let round = 0; round < 3; round++) {
    const lk = kindOf(l);
    const rk = kindOf(r);
    if (lk === rk) break;
    if (lk === 'number' && rk === 'string') r = toNumber(r);
    else if (lk === 'string' && rk === 'number') l = toNumber(l);
    else if (lk === 'null' || lk === 'boolean') l = toNumber(l);
    else if (rk === 'null' || rk === 'boolean') r = toNumber(r);
    else break;
  }
  return [l, r];
}

/** `==`: loose equality. NaN equals nothing, strings ignore case, objects compare by identity. */
export function looseEquals(left: Value, right: Value): boolean {
  const [l, r] = coerce(left, right);
  if (kindOf(l) !== kindOf(r)) return false;
  if (typeof l === 'number' && typeof r === 'number') return !Number.isNaN(l) && !Number.isNaN(r) && l === r;
  if (typeof l === 'string' && typeof r === 'string') return upper(l) === upper(r);
  return l === r;
}

/** -1, 0 or 1 when the values are ordered, undefined when they cannot be (NaN, objects, mixed kinds). */
export function compareValues(left: Value, right: Value): -1 | 0 | 1 | undefined {
  const [l, r] = coerce(left, right);
  if (typeof l === 'number' && typeof r === 'number') {
    if (Number.isNaN(l) || Number.isNaN(r)) return undefined;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  if (typeof l === 'string' && typeof r === 'string') {
    const a = upper(l);
    const b = upper(r);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof l === 'boolean' && typeof r === 'boolean') return l === r ? 0 : l ? 1 : -1;
  if (l === null && r === null) return 0;
  return undefined;
}

/** A property of an object, matched case-insensitively; own properties only (never the prototype). */
export function getProperty(object: { readonly [key: string]: Value }, name: string): Value | undefined {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return object[key];
  }
  return undefined;
}
