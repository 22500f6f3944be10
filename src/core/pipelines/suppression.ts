/**
 * Inline suppression: `# shipshape-ignore <rule-id>[, <rule-id>...]` on the
 * finding's line or the line above silences those rules there; with no id it
 * silences every rule. Returns, per 1-based line, the rules silenced.
 */
const DIRECTIVE = /#\s*shipshape-ignore\b([^\n#]*)/;

export function suppressedRules(text: string): Map<number, ReadonlySet<string> | 'all'> {
  const result = new Map<number, ReadonlySet<string> | 'all'>();
  if (!text.includes('shipshape-ignore')) return result;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const ids = (match[1] ?? '')
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    const value: ReadonlySet<string> | 'all' = ids.length ? new Set(ids) : 'all';
    // Applies to its own line and, when the comment stands alone, to the next line too.
    for (const target of line.trim().startsWith('#') ? [index + 1, index + 2] : [index + 1]) merge(result, target, value);
  });
  return result;
}

function merge(map: Map<number, ReadonlySet<string> | 'all'>, line: number, value: ReadonlySet<string> | 'all'): void {
  const existing = map.get(line);
  if (existing === 'all' || value === 'all') map.set(line, 'all');
  else map.set(line, new Set([...(existing ?? []), ...value]));
}

export function isSuppressed(map: Map<number, ReadonlySet<string> | 'all'>, line: number, rule: string): boolean {
  const entry = map.get(line);
  return entry === 'all' || (entry !== undefined && entry.has(rule));
}
