import type { EvaluationHooks } from '../pipelines/expressions/evaluator';

export type HashFilesHook = NonNullable<EvaluationHooks['hashFiles']>;

/**
 * The evaluator is synchronous and hashing files is not. So: evaluate with the hashes known so
 * far ('' for the rest), hash what that evaluation asked for, and evaluate again until it asks for
 * nothing new. Each round learns at least one new pattern list, so it ends. `known` keeps the
 * hashes for the other expressions of the same step (the files do not change in between).
 */
export async function evaluateWithFileHashes<T>(
  evaluate: (hashFiles: HashFilesHook) => T,
  hash: (patterns: readonly string[]) => Promise<string>,
  known: Map<string, string>,
): Promise<T> {
  for (;;) {
    const asked: string[][] = [];
    const lookUp: HashFilesHook = (patterns) => {
      const value = known.get(JSON.stringify(patterns));
      if (value === undefined) asked.push(patterns);
      return value ?? '';
    };
    let result: T | undefined;
    try {
      result = evaluate(lookUp);
    } catch (error) {
      // With a stand-in '' the expression may fail where the real hash would not (fromJSON('')).
      if (asked.length === 0) throw error;
    }
    if (asked.length === 0) return result as T;
    for (const patterns of asked) known.set(JSON.stringify(patterns), await hash(patterns));
  }
}
