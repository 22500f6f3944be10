/**
 * Pure results kept across expansions (an expression's parse, the `${{ }}` in a scalar's text, a
 * `template:` path resolved): a repository's files repeat the same texts in every pipeline and
 * template. Each is keyed by the whole of what it depends on and forgotten with the parses
 * (`forgetParsedTemplates`), so a benchmark of a fresh process per repository keeps none.
 */
const everyKept: Map<unknown, unknown>[] = [];

/** A new kept map; `forgetKeptResults` empties it. */
export function keptResults<K, V>(): Map<K, V> {
  const kept = new Map<K, V>();
  everyKept.push(kept as Map<unknown, unknown>);
  return kept;
}

/** Keeps `value` under `key`, all of `kept` dropped first when it holds `limit` already. */
export function keep<K, V>(kept: Map<K, V>, key: K, value: V, limit = 20_000): V {
  if (kept.size >= limit) kept.clear();
  kept.set(key, value);
  return value;
}

export function forgetKeptResults(): void {
  for (const kept of everyKept) kept.clear();
}
