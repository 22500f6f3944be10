/** Azure files read into the located tree (yaml/located-tree.ts) the templates are expanded on. */
import type { Alias, Node as YamlNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isPair, nodeKind } from '../../yaml/identity';
import { parseSource, type SourceFile } from '../../yaml/source-file';

export * from '../../yaml/located-tree';
import { keyText, type AEntry, type ANode, type AScalar, type Origin, type ScalarValue } from '../../yaml/located-tree';

export interface TreeProblem {
  readonly message: string;
  readonly origin: Origin;
  readonly severity: 'error' | 'warning';
  readonly rule: 'azure-yaml';
}

export interface ParsedTemplateFile {
  readonly source: SourceFile;
  /** Undefined for an empty file. */
  readonly root: ANode | undefined;
  readonly problems: readonly TreeProblem[];
}

/**
 * Parses one file. Azure's parser refuses anchors ("Anchors are not currently supported") and
 * duplicate keys, and reads one document: each is a problem here, the rest still read (an alias
 * is followed, the last duplicate wins) so one mistake does not hide the others. `parsedSource`,
 * a parse of the same text already made, is read instead of parsing again.
 */
export function parseTemplateFile(file: string, text: string, parsedSource?: SourceFile): ParsedTemplateFile {
  const source = parsedSource ?? parseSource(text, file);
  const problems: TreeProblem[] = [];
  const at = (node: { range?: [number, number, number] | null } | null | undefined): Origin => ({
    file,
    start: node?.range?.[0] ?? 0,
    end: node?.range?.[1] ?? 0,
  });
  for (const error of source.doc.errors) {
    const [start, end] = error.pos;
    problems.push({ rule: 'azure-yaml', severity: 'error', message: error.message.split('\n')[0] ?? error.message, origin: { file, start, end } });
  }
  const anchors = new Map<string, YamlNode>();
  const convert = (node: unknown, depth: number): ANode => {
    if (depth > 200) return { kind: 'scalar', value: null, origin: at(node as YamlNode) };
    // The kind read once: the guards below would each read yaml's tag again, for every node of every file.
    const kind = nodeKind(node);
    if (kind === 'alias') {
      const alias = node as Alias;
      const target = anchors.get(alias.source);
      if (!target) {
        problems.push({ rule: 'azure-yaml', severity: 'error', message: `Alias *${alias.source} names no anchor defined before it.`, origin: at(alias) });
        return { kind: 'scalar', value: null, origin: at(alias) };
      }
      return convert(target, depth + 1);
    }
    const yamlNode = node as YamlNode & { anchor?: string };
    if (yamlNode && (kind === 'scalar' || kind === 'map' || kind === 'seq') && yamlNode.anchor) {
      problems.push({
        rule: 'azure-yaml',
        severity: 'error',
        message: `Anchors are not currently supported. Remove the anchor '${yamlNode.anchor}'.`,
        origin: at(yamlNode),
      });
      anchors.set(yamlNode.anchor, yamlNode);
    }
    if (kind === 'map') {
      const map = node as YAMLMap;
      const entries: AEntry[] = [];
      // The names so far: a list is cheaper than a set for the few keys most mappings have.
      const names: string[] = [];
      let many: Set<string> | undefined;
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        const keyNode = convert(pair.key, depth + 1);
        const key: AScalar = keyNode.kind === 'scalar' ? keyNode : { kind: 'scalar', value: '', origin: keyNode.origin };
        const value =
          pair.value === null || pair.value === undefined
            ? ({ kind: 'scalar', value: null, origin: { ...key.origin, start: key.origin.end } } as AScalar)
            : convert(pair.value, depth + 1);
        const entry = { key, value };
        const name = keyText(entry);
        if ((many ? many.has(name) : names.includes(name)) && !name.startsWith('${{'))
          problems.push({ rule: 'azure-yaml', severity: 'error', message: `'${name}' is already defined.`, origin: key.origin });
        if (many) many.add(name);
        else if (names.push(name) > 16) many = new Set(names);
        entries.push(entry);
      }
      return { kind: 'map', entries, origin: at(map) };
    }
    if (kind === 'seq') return { kind: 'seq', items: (node as YAMLSeq).items.map((item) => convert(item, depth + 1)), origin: at(node as YAMLSeq) };
    if (kind === 'scalar') {
      const scalarNode = node as Scalar;
      // Azure's template engine reads plain scalars as strings: `false` passed to an untyped parameter
      // is the text 'false' (so `eq(parameters.x, '')` is false), and `1.10` stays '1.10'. Typed
      // parameters convert them (parameters.ts); only null stays null.
      const value = scalarNode.value;
      const scalar: ScalarValue =
        value === null
          ? null
          : typeof value === 'string'
            ? value
            : String(typeof scalarNode.source === 'string' && scalarNode.source !== '' ? scalarNode.source : value);
      return { kind: 'scalar', value: scalar, origin: at(scalarNode) };
    }
    return { kind: 'scalar', value: null, origin: at(node as YamlNode) };
  };
  const root = source.doc.contents === null || source.doc.contents === undefined ? undefined : convert(source.doc.contents, 0);
  return { source, root, problems };
}
