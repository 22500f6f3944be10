import { Scalar, type Document, type Schema } from 'yaml';
import { isScalar } from '../identity';
import { newScalar } from './node-classes';
import { unsupported } from './unsupported';

type Range = [number, number, number];
type ScalarTag = {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
};

/** What building a scalar needs from the document: its schema's tags and its options. */
export interface ScalarContext {
  readonly tags: readonly ScalarTag[];
  readonly options: object;
}

export function scalarContext(doc: Document.Parsed): ScalarContext {
  const tags = (doc.schema as Schema).tags.filter((tag) => !('collection' in tag && tag.collection)) as ScalarTag[];
  return { tags, options: doc.options };
}

const failOnError = (message: string): never => unsupported(`tag resolution: ${message}`);

/**
 * A plain scalar as yaml's composer makes it (findScalarTagByTest, then the
 * tag's resolve): the YAML 1.2 core schema turns `null`, `true`, `010`, `0x1F`,
 * `1e3`, `.inf`... into their values, keeping `format` and `minFractionDigits`;
 * a `<<` key becomes the merge key.
 */
export function plainScalar(context: ScalarContext, value: string, range: Range, atKey: boolean): Scalar {
  let tag: ScalarTag | undefined;
  if (mayMatchATag(value, atKey)) {
    for (const candidate of context.tags) {
      if ((candidate.default === true || (atKey && candidate.default === 'key')) && candidate.test?.test(value)) {
        tag = candidate;
        break;
      }
    }
  }
  if (!tag) return newScalar(value, range, value, Scalar.PLAIN);
  const resolved = tag.resolve(value, failOnError, context.options);
  if (!isScalar(resolved)) {
    const scalar = newScalar(resolved, range, value, Scalar.PLAIN);
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }
  // A float keeping minFractionDigits, or the merge key: yaml's own Scalar, completed as its composer does.
  resolved.range = range;
  resolved.source = value;
  resolved.type = Scalar.PLAIN;
  if (tag.format) resolved.format = tag.format;
  return resolved;
}

/**
 * Whether any core-schema test can match: each of them (null, bool, int,
 * float, merge) starts with one of `~nNtTfF`, a digit, `+`, `-`, `.` or `<`,
 * or matches the empty string. Everything else is a string, without running
 * eleven regular expressions. A unit test pins the schema's tests.
 */
function mayMatchATag(value: string, atKey: boolean): boolean {
  if (value.length === 0) return true;
  const first = value.charCodeAt(0);
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) return true; // 0-9 + - .
  if (value.length <= 5 && (first === 0x7e || first === 0x6e || first === 0x4e || first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46))
    return true; // ~ n N t T f F
  return atKey && value === '<<';
}

/** A quoted or block scalar: always a string (no tag, as the fast composer refuses tags). */
export function stringScalar(value: string, range: Range, type: Scalar.Type): Scalar {
  return newScalar(value, range, value, type);
}
