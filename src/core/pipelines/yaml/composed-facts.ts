import type { Document, Scalar, YAMLMap } from 'yaml';

/** A string value and the keys and indexes leading to it from the root. */
export interface ValuePlace {
  readonly node: Scalar;
  readonly path: readonly (string | number)[];
}

/**
 * What the fast composer noticed while it built a document, so that rules need
 * not walk the whole tree again for it. Absent for documents yaml parsed (the
 * rules then walk), and forgotten when a parse is patched after an edit.
 */
export interface ComposedFacts {
  /** Whether any node has an anchor. */
  readonly anchors: boolean;
  /** Whether any alias (`*name`) is there. */
  readonly aliases: boolean;
  /** Whether any node has a tag (`!reference`, the one tag the composer reads). */
  readonly tags: boolean;
  /** The mappings in which two keys are equal, ignoring case: only there can a key repeat. */
  readonly repeatedKeyMaps: readonly YAMLMap<unknown, unknown>[];
  /** String values (not keys) that hold `${{` or stand under an `if` key, in document order. */
  readonly templatePlaces: readonly ValuePlace[];
}

/** The values `templatePlaces` holds: a string with a template, or any string under `if`. */
export function isTemplatePlace(value: unknown, last: string | number | undefined): boolean {
  return typeof value === 'string' && (last === 'if' || value.includes('${{'));
}

const factsOf = new WeakMap<Document, ComposedFacts>();

export function composedFacts(doc: Document): ComposedFacts | undefined {
  return factsOf.get(doc);
}

export function recordComposedFacts(doc: Document, facts: ComposedFacts): void {
  factsOf.set(doc, facts);
}

/** After a value changed in place: the facts may no longer hold. */
export function forgetComposedFacts(doc: Document): void {
  factsOf.delete(doc);
}
