import type { Scalar, YAMLMap } from 'yaml';
import { isTemplatePlace, type ComposedFacts, type ValuePlace } from '../composed-facts';
import { isScalar } from '../identity';
import { lowercase } from '../../lowercase';

/**
 * Collects the ComposedFacts while the composer builds the tree: it keeps the
 * path of keys and indexes to the value being built, and is told of every value
 * and every mapping.
 */
export class FactsRecorder implements ComposedFacts {
  anchors = false;
  aliases = false;
  tags = false;
  readonly repeatedKeyMaps: YAMLMap<unknown, unknown>[] = [];
  readonly templatePlaces: ValuePlace[] = [];
  /** Keys (as String(key.value)) and indexes from the root to the value being built. */
  readonly path: (string | number)[] = [];

  /** A value just built at the current path. */
  value(node: unknown): void {
    if (isScalar(node) && isTemplatePlace(node.value, this.path[this.path.length - 1])) this.templatePlaces.push({ node, path: this.path.slice() });
  }

  /** A mapping just built. */
  map(map: YAMLMap<unknown, unknown>): void {
    if (map.items.length >= 2 && hasKeysEqualIgnoringCase(map)) this.repeatedKeyMaps.push(map);
  }
}

/** The fast composer's keys are scalars. Most mappings have a handful: compare each pair, else use a set. */
function hasKeysEqualIgnoringCase(map: YAMLMap<unknown, unknown>): boolean {
  const keys = map.items.map((pair) => lowercase(String((pair.key as Scalar).value)));
  if (keys.length > 16) return new Set(keys).size < keys.length;
  for (let index = 1; index < keys.length; index++) {
    for (let before = 0; before < index; before++) if (keys[before] === keys[index]) return true;
  }
  return false;
}
