/**
 * `extends:` as GitLab's Extendable does it: the bases merged in order, then the job over them
 * (hashes deep-merged, arrays replaced); a chain of at most 11 entries (the job and 10
 * ancestors); cycles and unknown bases refused in GitLab's words. When the configuration is open
 * (an include not read offline), an unknown base may live there: nothing is claimed about it.
 */
import { entryOf, keyText, scalarText, type AEntry, type AMap, type ANode } from '../yaml/located-tree';
import type { LocatedFix } from '../located-findings';
import type { GitLabFinding } from './finding';
import { renameFixes } from './gitlab-fixes';
import { GLOBAL_KEYWORDS } from './jobs';
import { deepMerge } from './tree-ops';

export const MAX_EXTENDS_CHAIN = 11;

/** The base names an `extends:` value gives (a string or a list of strings). */
export function extendsNames(value: ANode | undefined): { name: string; node: ANode }[] {
  if (!value) return [];
  const items = value.kind === 'seq' ? value.items : [value];
  return items.flatMap((item) => {
    const name = scalarText(item);
    return name === undefined ? [] : [{ name, node: item }];
  });
}

export function applyExtends(root: AMap, open: boolean, problems: GitLabFinding[]): AMap {
  const byName = new Map<string, AEntry>();
  for (const entry of root.entries) byName.set(keyText(entry), entry);
  /** A resolved entry and the length of its longest chain (itself and its ancestors). */
  const done = new Map<string, { value: ANode; height: number }>();
  const reported = new Set<string>();
  const cycles = new Set<string>();
  const report = (message: string, node: ANode, fixes: readonly LocatedFix[] = []): void => {
    const key = `${node.origin.file}\0${node.origin.start}\0${message}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push({
      rule: 'gitlab-extends',
      severity: 'error',
      message,
      origin: node.origin,
      ...(node.via ? { via: node.via } : {}),
      ...(fixes.length ? { fixes } : {}),
    });
  };
  /** What `extends:` may name: the jobs and templates, not the global keywords. */
  const bases = [...byName.keys()].filter((name) => !GLOBAL_KEYWORDS.has(name));

  const resolve = (name: string, path: readonly string[]): { value: ANode; height: number } | undefined => {
    const value = byName.get(name)?.value;
    if (!value) return undefined;
    const known = done.get(name);
    const extendsEntry = value.kind === 'map' ? entryOf(value, 'extends') : undefined;
    if (known) {
      if (extendsEntry && path.length + known.height > MAX_EXTENDS_CHAIN) report(`${path[0] ?? name}: nesting too deep in \`extends\``, extendsEntry.value);
      return known;
    }
    if (value.kind !== 'map' || !extendsEntry) return { value, height: 1 };
    const chain = [...path, name];
    // GitLab counts the entries that extend: at most 10, so 11 levels with the last base.
    if (chain.length >= MAX_EXTENDS_CHAIN) {
      report(`${chain[0]}: nesting too deep in \`extends\``, extendsEntry.value);
      return { value, height: 1 };
    }
    let extended: ANode | undefined;
    let height = 1;
    let cut = false;
    const unknown: { name: string; node: ANode }[] = [];
    for (const base of extendsNames(extendsEntry.value)) {
      if (chain.includes(base.name)) {
        // One report per cycle, where the walk first closes it.
        const members = chain.slice(chain.indexOf(base.name)).sort().join('\0');
        if (!cycles.has(members)) report(`${name}: circular dependency detected in \`extends\``, base.node);
        cycles.add(members);
        cut = true;
        continue;
      }
      if (!byName.has(base.name)) {
        if (!open) unknown.push(base);
        continue;
      }
      const resolved = resolve(base.name, chain);
      if (resolved?.value.kind !== 'map') {
        report(`${name}: invalid base hash in \`extends\``, base.node);
        continue;
      }
      height = Math.max(height, resolved.height + 1);
      extended = extended ? deepMerge(extended, resolved.value) : resolved.value;
    }
    if (unknown.length)
      report(
        `${name}: unknown keys in \`extends\` (${unknown.map((base) => base.name).join(', ')})`,
        extendsEntry.value,
        unknown.flatMap((base) =>
          renameFixes(
            base.node,
            bases.filter((candidate) => candidate !== name),
          ),
        ),
      );
    const result = { value: extended ? deepMerge(extended, value) : value, height };
    // Inside a cycle the result depends on where the walk entered it: not kept.
    if (!cut) done.set(name, result);
    return result;
  };

  return {
    ...root,
    entries: root.entries.map((entry) => {
      const value = resolve(keyText(entry), [])?.value ?? entry.value;
      return value === entry.value ? entry : { key: entry.key, value };
    }),
  };
}
