import { Pair, Scalar, YAMLMap, YAMLSeq, type Schema } from 'yaml';

/**
 * yaml's node classes, instantiated faster. yaml's constructors tag every
 * node with `Object.defineProperty(this, Symbol.for('yaml.node.type'), ...)`,
 * which alone cost about a fifth of composing a workflow. Here the tag sits on
 * a prototype between the instance and yaml's class: `isScalar(node)`,
 * `node instanceof Scalar`, `node.constructor` and every method behave as for
 * yaml's own nodes, and the own fields are the same.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');

function taggedPrototype(base: { prototype: object }, type: string): object {
  return Object.create(base.prototype, { [NODE_TYPE]: { value: Symbol.for(type) } });
}

function adopt(fast: { prototype: object }, base: { prototype: object }, type: string): void {
  Object.setPrototypeOf(fast.prototype, taggedPrototype(base, type));
  Object.defineProperty(fast.prototype, 'constructor', { value: base, writable: true, configurable: true });
}

class FastScalar {
  constructor(
    readonly value: unknown,
    readonly range: [number, number, number],
    readonly source: string,
    readonly type: Scalar.Type,
  ) {}
}
adopt(FastScalar, Scalar, 'yaml.scalar');

class FastPair {
  constructor(
    readonly key: unknown,
    readonly value: unknown,
  ) {}
}
adopt(FastPair, Pair, 'yaml.pair');

class FastMap {
  readonly items: unknown[] = [];
  constructor(schema: Schema) {
    Object.defineProperty(this, 'schema', { value: schema, configurable: true, enumerable: false, writable: true });
  }
}
adopt(FastMap, YAMLMap, 'yaml.map');

class FastSeq {
  readonly items: unknown[] = [];
  constructor(schema: Schema) {
    Object.defineProperty(this, 'schema', { value: schema, configurable: true, enumerable: false, writable: true });
  }
}
adopt(FastSeq, YAMLSeq, 'yaml.seq');

export const newScalar = (value: unknown, range: [number, number, number], source: string, type: Scalar.Type): Scalar =>
  new FastScalar(value, range, source, type) as unknown as Scalar;
export const newPair = (key: unknown, value: unknown): Pair => new FastPair(key, value) as unknown as Pair;
export const newMap = (schema: Schema): YAMLMap => new FastMap(schema) as unknown as YAMLMap;
export const newSeq = (schema: Schema): YAMLSeq => new FastSeq(schema) as unknown as YAMLSeq;
