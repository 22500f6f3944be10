import { schemaObject, type SchemaName } from './compiled-schemas';

type SchemaNode = {
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  then?: SchemaNode;
  else?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
};

/**
 * The schema's description of the key at `path` (keys and list indexes from
 * the root), following $ref and every branch of combinators; undefined when
 * the schema does not describe that key.
 */
export function describeSchemaPath(schema: SchemaName, path: readonly (string | number)[]): string | undefined {
  const root = schemaObject(schema) as SchemaNode;
  let candidates: SchemaNode[] = [root];
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const node of candidates.flatMap((candidate) => expand(root, candidate))) {
      if (typeof segment === 'number') {
        if (node.items) next.push(node.items);
        continue;
      }
      const property = node.properties?.[segment];
      if (property) next.push(property);
      else {
        const pattern = Object.entries(node.patternProperties ?? {}).find(([regex]) => safeTest(regex, segment));
        if (pattern) next.push(pattern[1]);
        else if (node.additionalProperties && typeof node.additionalProperties === 'object') next.push(node.additionalProperties);
      }
    }
    candidates = next;
    if (candidates.length === 0) return undefined;
  }
  for (const node of candidates) {
    if (node.description) return node.description;
    const expanded = expand(root, node).find((candidate) => candidate.description);
    if (expanded?.description) return expanded.description;
  }
  return undefined;
}

/** A node with its $ref resolved and its combinator branches flattened in. */
function expand(root: SchemaNode, node: SchemaNode, depth = 0): SchemaNode[] {
  if (depth > 12) return [];
  const resolved = node.$ref ? resolveRef(root, node.$ref) : undefined;
  const self = resolved ? [node, ...expand(root, resolved, depth + 1)] : [node];
  const branches = [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? []), ...(node.then ? [node.then] : []), ...(node.else ? [node.else] : [])];
  return [...self, ...branches.flatMap((branch) => expand(root, branch, depth + 1))];
}

function resolveRef(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node as SchemaNode | undefined;
}

function safeTest(regex: string, value: string): boolean {
  try {
    return new RegExp(regex).test(value);
  } catch {
    return false;
  }
}
