import type { Node as YamlNode } from 'yaml';
import type { Position, Range } from '../finding';
import type { Rule } from '../rule';
import type { SourceFile } from './source-file';
import { isAlias, isMap, isPair, isScalar, isSeq } from './identity';
import { aliasesWithoutAnchor } from './nodes';
import { composedFacts } from './composed-facts';

/** The tags of JSON-like data, which GitHub reads; every other tag (`!!binary`, `!!set`, `!custom`...) it does not. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));
const CORE_PREFIX = 'tag:yaml.org,2002:';

/**
 * An explicit tag GitHub does not read. The file is parsed without yaml's YAML 1.1 types
 * (`resolveKnownTags: false` in PARSE_OPTIONS), so the value stays the text, mapping or list it is
 * written as instead of a Buffer, Set, Map or Date; this is the one finding about it.
 */
export function unsupportedTagsRule(kinds: Rule['kinds']): Rule {
  return {
    id: 'syntax-check',
    kinds,
    defaultSeverity: 'error',
    description: 'A YAML tag (such as !!binary or !!set) that GitHub Actions does not read.',
    check(context) {
      if (!mayHaveTags(context.source)) return;
      for (const node of taggedNodes(context.source.doc.contents)) {
        const tag = node.tag as string;
        const shown = tag.startsWith(CORE_PREFIX) ? `!!${tag.slice(CORE_PREFIX.length)}` : tag;
        const shape = isMap(node) ? 'a mapping' : isSeq(node) ? 'a list' : 'text';
        // The tag token is not part of the node's range: find it just before the value.
        const start = node.range?.[0] ?? 0;
        const at = context.source.text.lastIndexOf(shown, start);
        context.report({
          message: `GitHub Actions does not read the YAML tag "${shown}"; write the value without it (here it is read as ${shape}).`,
          at: at >= 0 && start - at < 1000 ? [at, at + shown.length] : node,
        });
      }
    },
  };
}

/** False when no node can have a tag: no `!` in the text, or the composer noted none. */
const mayHaveTags = (source: SourceFile): boolean => source.text.includes('!') && composedFacts(source.doc)?.tags !== false;

/** Nodes carrying a tag outside PLAIN_TAGS, without following aliases. */
export function taggedNodes(root: unknown): YamlNode[] {
  const found: YamlNode[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
    if (node.tag && !PLAIN_TAGS.has(node.tag)) found.push(node as YamlNode);
    if (isMap(node) || isSeq(node)) for (let index = node.items.length - 1; index >= 0; index--) stack.push(node.items[index]);
  }
  return found;
}

/** `*name` with no `&name` before it: yaml keeps it unresolved, and GitHub refuses the file. */
export function undefinedAliasRule(kinds: Rule['kinds']): Rule {
  return {
    id: 'syntax-check',
    kinds,
    defaultSeverity: 'error',
    description: 'A YAML alias (*name) with no anchor (&name) before it.',
    check(context) {
      if (!context.source.text.includes('*')) return; // no alias anywhere: no walk
      for (const alias of aliasesWithoutAnchor(context.source.doc)) {
        if (!isAlias(alias)) continue;
        context.report({ message: `Alias "*${alias.source}" is not defined: no anchor "&${alias.source}" comes before it.`, at: alias });
      }
    },
  };
}

/**
 * Whether a finding starts inside a value under a tag GitHub does not read: such a value is not
 * checked further (the tag's own finding, placed on the tag just before the value, says what is wrong).
 */
export function insideUnsupportedTag(source: SourceFile): (range: Range) => boolean {
  if (!mayHaveTags(source)) return () => false;
  const spans = taggedNodes(source.doc.contents).map((node) => source.nodeRange(node));
  if (spans.length === 0) return () => false;
  const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);
  return (range) => spans.some((span) => !before(range.start, span.start) && before(range.start, span.end));
}
