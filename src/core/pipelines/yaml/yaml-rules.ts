import type { Node as YamlNode, YAMLMap } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './identity';
import type { Rule, RuleContext } from '../rule';
import { composedFacts } from './composed-facts';
import { scalarText } from './nodes';

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
      // Which mappings compare keys without case is worked out only for a file with a repeat (most have none).
      let foldedMaps: ReadonlySet<unknown> | undefined;
      const isFolded = (node: unknown): boolean => (foldedMaps ??= caseInsensitive?.(context) ?? new Set<unknown>()).has(node);
      const lineOf = (key: YamlNode): number => context.source.positionAt(key.range?.[0] ?? 0).line;
      const repeated = composedFacts(context.source.doc)?.repeatedKeyMaps;
      const eachMapping = repeated
        ? (visit: (node: YAMLMap<unknown, unknown>) => void) => repeated.forEach(visit)
        : (visit: (node: YAMLMap<unknown, unknown>) => void) => forEachMapping(context.source, visit);
      eachMapping((node) => {
        // A mapping of one key repeats nothing; nor one without two keys equal even ignoring case.
        const items = node.items;
        if (items.length < 2 || !hasRepeatedKey(items, true)) return;
        const seen = new Map<string, YamlNode>(); // key -> its first key node (lines are computed only to report)
        const folded = isFolded(node) ? new Map<string, { key: string; node: YamlNode }>() : undefined;
        for (const item of items) {
          if (!isPair(item) || !isScalar(item.key)) continue;
          const key = scalarText(item.key);
          if (key === '<<') continue;
          const first = seen.get(key);
          if (first !== undefined) {
            context.report({
              message: `Key "${key}" appears twice in this mapping (first on line ${lineOf(first)}); only one can be kept.`,
              at: item.key as YamlNode,
            });
            continue;
          }
          seen.set(key, item.key as YamlNode);
          if (!folded) continue;
          const firstFolded = folded.get(key.toLowerCase());
          if (firstFolded)
            context.report({
              message: `Key "${key}" repeats "${firstFolded.key}" from line ${lineOf(firstFolded.node)} (names here are not case-sensitive).`,
              at: item.key as YamlNode,
            });
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
      // No anchor anywhere (the common case): no walk.
      if (!context.source.text.includes('&') || composedFacts(context.source.doc)?.anchors === false) return;
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

/**
 * Whether two keys of a mapping are equal (`folded`: without case), found
 * without allocating a map (most mappings have a handful of keys); the rule
 * then finds and reports the repeats.
 */
function hasRepeatedKey(items: readonly unknown[], folded: boolean): boolean {
  if (items.length > 32) return true; // let the rule's own maps do it
  // Folded keys are lowered once each (lowering copies the string).
  const keys = folded ? items.map((item) => keyValue(item)?.toLowerCase()) : undefined;
  const keyAt = (index: number): string | undefined => (keys ? keys[index] : keyValue(items[index]));
  for (let index = 1; index < items.length; index++) {
    const key = keyAt(index);
    if (key === undefined) continue;
    for (let before = 0; before < index; before++) if (keyAt(before) === key) return true;
  }
  return false;
}

/** A pair's scalar key as the rule compares it, or undefined. */
function keyValue(item: unknown): string | undefined {
  return isPair(item) && isScalar(item.key) ? scalarText(item.key) : undefined;
}

/**
 * Visits every mapping once, without following aliases. Below `walk`'s budget
 * (a text this short has fewer nodes) it skips the scalars; otherwise `walk`
 * decides where to stop, as before.
 */
function forEachMapping(
  source: { readonly text: string; readonly doc: { readonly contents: unknown } },
  visit: (node: YAMLMap<unknown, unknown>) => void,
): void {
  if (source.text.length >= WALK_BUDGET / 2) {
    walk(source.doc.contents, (node) => {
      if (isMap(node)) visit(node);
    });
    return;
  }
  const stack: unknown[] = [source.doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      visit(node);
      for (const item of node.items) {
        if (typeof item.value === 'object' && item.value !== null && !isScalar(item.value)) stack.push(item.value);
        if (typeof item.key === 'object' && item.key !== null && !isScalar(item.key)) stack.push(item.key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (typeof item === 'object' && item !== null && !isScalar(item)) stack.push(item);
    }
  }
}

const WALK_BUDGET = 1_000_000;

/** Visits every node once, without following aliases (their targets are visited where they stand). */
function walk(root: unknown, visit: (node: YamlNode) => void): void {
  const stack: unknown[] = [root];
  let budget = WALK_BUDGET;
  while (stack.length > 0 && budget-- > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    visit(node as YamlNode);
    if (isMap(node)) for (const item of node.items) stack.push(item.value, item.key);
    else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
}
