import type { Alias, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/**
 * The yaml library's node type guards, by the same symbols it tags its nodes
 * with. The rules call them hundreds of thousands of times a corpus pass; in
 * an esbuild bundle each call of yaml's own guard goes through a getter of the
 * CommonJS interop object first, which cost ~4 % of a validation.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
const ALIAS = Symbol.for('yaml.alias');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');

const typeOf = (node: unknown): unknown => (node !== null && typeof node === 'object' ? (node as { [NODE_TYPE]?: unknown })[NODE_TYPE] : undefined);

export const isAlias = (node: unknown): node is Alias => typeOf(node) === ALIAS;
export const isMap = <K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> => typeOf(node) === MAP;
export const isPair = <K = unknown, V = unknown>(node: unknown): node is Pair<K, V> => typeOf(node) === PAIR;
export const isScalar = <T = unknown>(node: unknown): node is Scalar<T> => typeOf(node) === SCALAR;
export const isSeq = <T = unknown>(node: unknown): node is YAMLSeq<T> => typeOf(node) === SEQ;

/** Which of yaml's node kinds `node` is, read once (a walk that asks several guards per node reads the tag once). */
export function nodeKind(node: unknown): 'alias' | 'map' | 'pair' | 'scalar' | 'seq' | undefined {
  const type = typeOf(node);
  return type === SCALAR ? 'scalar' : type === MAP ? 'map' : type === SEQ ? 'seq' : type === PAIR ? 'pair' : type === ALIAS ? 'alias' : undefined;
}
