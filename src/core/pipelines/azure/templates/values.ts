/**
 * Between the tree and expression values: a node read as an `AzureValue` (for `${{ }}`), and a
 * value put back as a node. A value that came from a node turns back into that very node, so a
 * `stepList` parameter spliced into a job keeps the lines its steps were written at.
 */
import { AzureUnknown, AzureVersion, isAzureObject, isUnknown, type AzureValue } from '../expressions';
import type { ANode, AScalar, Origin } from './tree';
import { keyText } from './tree';

/**
 * The node a value was read from, under a symbol on the value itself: a WeakMap entry per value
 * cost more than the rest of the conversion. Symbol keys stay out of `for in`, `Object.keys`,
 * `Object.entries` and JSON, the only ways values are read.
 */
const NODE_OF_VALUE = Symbol('azure.node');
type Noted = { [NODE_OF_VALUE]?: ANode };
export function nodeToValue(node: ANode | undefined): AzureValue {
  if (!node) return null;
  if (node.kind === 'scalar') return node.unknown ? new AzureUnknown('not known offline') : node.value;
  let value: AzureValue;
  if (node.kind === 'seq') value = node.items.map(nodeToValue);
  else {
    const record: Record<string, AzureValue> = {};
    for (const entry of node.entries) record[keyText(entry)] = nodeToValue(entry.value);
    value = record;
  }
  (value as Noted)[NODE_OF_VALUE] = node;
  return value;
}

/** A value as a node; one that came from a node is that node, anything else is placed at `origin`. */
export function valueToNode(value: AzureValue, origin: Origin): ANode {
  if (typeof value === 'object' && value !== null) {
    const known = (value as Noted)[NODE_OF_VALUE];
    if (known) return known;
  }
  if (isUnknown(value)) return { kind: 'scalar', value: '', unknown: true, origin };
  if (value instanceof AzureVersion) return { kind: 'scalar', value: value.text, origin };
  if (Array.isArray(value)) return { kind: 'seq', items: (value as AzureValue[]).map((item) => valueToNode(item, origin)), origin };
  if (isAzureObject(value))
    return {
      kind: 'map',
      entries: Object.entries(value).map(([key, item]) => ({ key: { kind: 'scalar', value: key, origin } as AScalar, value: valueToNode(item, origin) })),
      origin,
    };
  return { kind: 'scalar', value: value as string | number | boolean | null, origin };
}
