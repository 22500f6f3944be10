import type { ErrorObject } from 'ajv';

/** A synthesized error standing for "none of the alternatives of an anyOf/oneOf fit". */
export interface AlternativesError {
  readonly keyword: 'alternatives';
  readonly instancePath: string;
  readonly expected: readonly string[];
  readonly data: unknown;
}

/** A synthesized error for "every alternative wanted a key that is missing": one of these keys is needed. */
export interface RequiredOneOfError {
  readonly keyword: 'requiredOneOf';
  readonly instancePath: string;
  readonly keys: readonly string[];
  readonly data: unknown;
}

/** A sentence the refinement step wrote itself, for cases no generic message fits. */
export interface CustomError {
  readonly keyword: 'custom';
  readonly instancePath: string;
  readonly sentence: string;
  /** Keys of the mapping at instancePath that conflict: the finding is reported at each of them. */
  readonly atKeys?: readonly string[];
}

export type SelectedError = ErrorObject | AlternativesError | RequiredOneOfError | CustomError;

export function isCustom(error: SelectedError): error is CustomError {
  return error.keyword === 'custom' && 'sentence' in error;
}

export function isAlternatives(error: SelectedError): error is AlternativesError {
  return error.keyword === 'alternatives' && 'expected' in error;
}

export function isRequiredOneOf(error: SelectedError): error is RequiredOneOfError {
  return error.keyword === 'requiredOneOf' && 'keys' in error;
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);
const ROOT_MISMATCH = new Set(['type', 'enum', 'const', 'pattern']);

/**
 * Collapses ajv's allErrors output into the errors worth showing. For each
 * anyOf/oneOf (innermost first): if some alternative matched the value's
 * shape, keep only that alternative's errors (the one with fewest); if none
 * did, replace them all with one "expected X or Y" error. `if` noise goes.
 */
export function selectErrors(errors: readonly ErrorObject[]): SelectedError[] {
  let remaining: SelectedError[] = errors.filter((error) => error.keyword !== 'if');
  const combinators = (remaining.filter((error) => COMBINATORS.has(error.keyword)) as ErrorObject[]).sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combinator of combinators) {
    if (!remaining.includes(combinator)) continue;
    // oneOf where several alternatives passed: the combinator error itself says it all.
    if ((combinator.params as { passingSchemas?: unknown }).passingSchemas) continue;
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, SelectedError[]>();
    for (const error of remaining) {
      if (!('schemaPath' in error) || !error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const fitting = [...branches.values()].filter((branch) => !branch.some((error) => error.instancePath === combinator.instancePath && isRootMismatch(error)));
    const drop = new Set<SelectedError>([combinator, ...[...branches.values()].flat()]);
    let replacement: SelectedError[];
    const rootErrors = [...branches.values()].map((branch) => branch.filter((error) => error.instancePath === combinator.instancePath));
    if (branches.size > 1 && rootErrors.every((errors) => errors.length > 0 && errors.every((error) => error.keyword === 'required'))) {
      const keys = rootErrors.flat().map((error) => String(((error as ErrorObject).params as { missingProperty?: unknown }).missingProperty));
      replacement = [{ keyword: 'requiredOneOf', instancePath: combinator.instancePath, keys: [...new Set(keys)], data: combinator.data }];
    } else if (fitting.length > 0) {
      replacement = fitting.reduce((best, branch) => (branch.length < best.length ? branch : best));
    } else {
      const expected = [
        ...new Set(
          [...branches.values()]
            .flat()
            .filter((error) => error.instancePath === combinator.instancePath)
            .flatMap(expectationOf),
        ),
      ];
      replacement = [{ keyword: 'alternatives', instancePath: combinator.instancePath, expected, data: combinator.data }];
    }
    remaining = [...remaining.filter((error) => !drop.has(error)), ...replacement];
  }
  return mergeMismatches(remaining);
}

/** Several "wrong type / not an expression" errors at one place become one "must be X or Y". */
function mergeMismatches(errors: SelectedError[]): SelectedError[] {
  const byPath = new Map<string, SelectedError[]>();
  for (const error of errors) if (isRootMismatch(error)) byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  const merged: SelectedError[] = [];
  const done = new Set<string>();
  for (const error of errors) {
    const group = isRootMismatch(error) ? (byPath.get(error.instancePath) ?? []) : [];
    if (group.length <= 1) merged.push(error);
    else if (!done.has(error.instancePath)) {
      done.add(error.instancePath);
      merged.push({
        keyword: 'alternatives',
        instancePath: error.instancePath,
        expected: [...new Set(group.flatMap(expectationOf))],
        data: 'data' in error ? error.data : undefined,
      });
    }
  }
  return merged;
}

function isRootMismatch(error: SelectedError): boolean {
  return isAlternatives(error) || ROOT_MISMATCH.has(error.keyword);
}

/** What an alternative wanted, in words: "a number", "one of: a, b", "an expression". */
export function expectationOf(error: SelectedError): string[] {
  if (isAlternatives(error)) return [...error.expected];
  if (!('params' in error)) return [];
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return String(params.type)
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type);
    case 'enum':
      return [`one of: ${(params.allowedValues as unknown[]).map((value) => String(value)).join(', ')}`];
    case 'const':
      return [JSON.stringify(params.allowedValue)];
    case 'pattern':
      return [String(params.pattern).includes('\\$\\{\\{') ? 'an expression (${{ ... }})' : `text matching ${String(params.pattern)}`];
    default:
      return [];
  }
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};
