import type { Node as YamlNode } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './identity';
import type { Rule, RuleContext } from '../rule';

/**
 * Keys written twice in one mapping: GitHub rejects the file; here it is one error per repeat.
 * `caseInsensitive` names the mappings whose keys the platform compares without case
 * (GitHub's env, inputs, with, ...): there `FOO` repeats `foo` too.
 */
export function duplicateKeysRule(kinds: Rule['kinds'], caseInsensitive?: (context: RuleContext) => ReadonlySet<unknown>): Rule {
  return {
    id: 'syntax-check',
    kinds,
    defaultSeverity: 'error',
    description: 'A key appears twice in the same mapping.',
    check(context) {
      const foldedMaps = caseInsensitive?.(context) ?? new Set<unknown>();
      const lineOf = (key: YamlNode): number => context.source.positionAt(key.range?.[0] ?? 0).line;
      walk(context.source.doc.contents, (node) => {
        if (!isMap(node)) return;
        // A mapping of one key repeats nothing.
        const items = node.items;
        if (items.length < 2) return;
        const seen = new Map<string, YamlNode>(); // key -> its first key node (lines are computed only to report)
        const folded = foldedMaps.has(node) ? new Map<string, { key: string; node: YamlNode }>() : undefined;
        for (const item of items) {
          if (!isPair(item) || !isScalar(item.key)) continue;
          const key = String(item.key.value);
          if (key === '<<') continue;
          const first = seen.get(key);
          if (first !== undefined) {
            context.report({ message: `Key "${key}" appears twice in this mapping (first on line ${lineOf(first)}); only one can be kept.`, at: item.key as YamlNode });
            continue;
          }
          seen.set(key, item.key as YamlNode);
          if (!folded) continue;
          const firstFolded = folded.get(key.toLowerCase());
          if (firstFolded) context.report({ message: `Key "${key}" repeats "${firstFolded.key}" from line ${lineOf(firstFolded.node)} (names here are not case-sensitive).`, at: item.key as YamlNode });
          else folded.set(key.toLowerCase(), { key, node: item.key as YamlNode });
        }
      });
    },
  };
}

/** Anchors defined but never used are usually a typo in an alias. */
export function unusedAnchorsRule(kinds: Rule['kinds']): Rule {
  return {
    id: 'syntax-check',
    kinds,
    defaultSeverity: 'warning',
    description: 'A YAML anchor that no alias uses.',
    check(context) {
      const anchors = new Map<string, YamlNode>();
      const used = new Set<string>();
      walk(context.source.doc.contents, (node) => {
        if (isAlias(node)) used.add(node.source);
        else if (node && 'anchor' in node && typeof node.anchor === 'string') anchors.set(node.anchor, node);
      });
      for (const [name, node] of anchors) {
        if (used.has(name)) continue;
        // The anchor token is not part of the node's range: find "&name" just before it.
        const at = context.source.text.lastIndexOf(`&${name}`, node.range?.[0] ?? 0);
        context.report({ message: `Anchor "&${name}" is never used by an alias.`, at: at >= 0 ? [at, at + name.length + 1] : node });
      }
    },
  };
}

/** Visits every node once, without following aliases (their targets are visited where they stand). */
function walk(root: unknown, visit: (node: YamlNode) => void): void {
  const stack: unknown[] = [root];
  let budget = 1_000_000;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    visit(node as YamlNode);
    if (isMap(node)) for (const item of node.items) stack.push(item.value, item.key);
    else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
}
