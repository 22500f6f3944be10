import type { Document, Node as YamlNode } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../yaml/identity';
import type { PipelineKind } from '../pipeline-kind';
import type { Rule, RuleContext } from '../rule';
import type { Fix } from '../finding';
import { aliasesWithoutAnchor, get, pairOf, resolve, scalarText, textOf } from '../yaml/nodes';
import { schemaValidator, type SchemaName } from './compiled-schemas';
import { plainDataOf } from './plain-data';
import { isCustom, selectErrors, type SelectedError } from './error-selection';
import { describePlace, schemaMessage } from './schema-messages';
import { suggest } from '../github/data/suggest';
import { errorMessage } from '../../errors';

/** Structure: the file against this project's JSON Schema, each error as one sentence at its node. */
export function schemaRule(kind: PipelineKind, schema: SchemaName, document: 'workflow' | 'action'): Rule {
  return {
    id: 'syntax-check',
    kinds: [kind],
    defaultSeverity: 'error',
    description: 'Keys, required keys, value types and allowed values, from the documented syntax.',
    check(context) {
      const { doc } = context.source;
      if (doc.errors.length > 0 && !doc.contents) return;
      let data: unknown;
      try {
        data = plainDataOf(doc);
      } catch (error) {
        // An alias without its anchor has its own finding at its line (undefinedAliasRule); yaml's
        // conversion fails on it too, and that is no news.
        if (aliasesWithoutAnchor(doc).length > 0) return;
        context.report({ message: `The file's YAML aliases expand too much to check (${errorMessage(error).split('\n')[0]}).`, at: doc.contents as YamlNode });
        return;
      }
      const validate = schemaValidator(schema);
      if (validate(data)) return;
      for (const error of refine(selectErrors(validate.errors ?? []), data)) report(context, error, document);
    },
  };
}

/**
 * Last touches a person would make: a did-you-mean already names the missing
 * key, so "missing X" goes; a step with both `uses` and `run` gets one
 * sentence instead of several.
 */
function refine(errors: SelectedError[], data: unknown): SelectedError[] {
  const suggested = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties' || !('schemaPath' in error)) continue;
    const unknownKey = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const hint = suggest(unknownKey, known);
    if (hint) suggested.add(`${error.instancePath}|${hint}`);
  }
  const conflictingSteps = new Set<string>();
  const kept = errors.filter((error) => {
    if (
      error.keyword === 'required' &&
      'params' in error &&
      suggested.has(`${error.instancePath}|${String((error.params as { missingProperty?: unknown }).missingProperty)}`)
    )
      return false;
    const stepPath = /^\/jobs\/[^/]+\/steps\/\d+/.exec(error.instancePath)?.[0] ?? /^\/runs\/steps\/\d+/.exec(error.instancePath)?.[0];
    if (stepPath && error.keyword !== 'additionalProperties') {
      const step = valueAt(data, stepPath);
      if (step && typeof step === 'object' && 'uses' in step && 'run' in step) {
        conflictingSteps.add(stepPath);
        return false;
      }
    }
    return true;
  });
  return [
    ...kept,
    ...[...conflictingSteps].map((instancePath): SelectedError => ({
      keyword: 'custom',
      instancePath,
      sentence: 'has both "uses" and "run"; a step either uses an action or runs a script.',
      atKeys: ['uses', 'run'],
    })),
  ];
}

function valueAt(data: unknown, path: string): unknown {
  let value = data;
  for (const segment of path.split('/').slice(1)) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  return value;
}

function report(context: RuleContext, error: SelectedError, document: 'workflow' | 'action'): void {
  const { doc } = context.source;
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const stepName = (job: string, index: number) => textOf(doc, get(doc, stepAt(doc, job, index), 'name'));
  const where = describePlace(segments, document, stepName);
  const parentPlace = describePlace(segments.slice(0, -1), document, stepName);
  const key = segments.length > 0 && !/^\d+$/.test(segments[segments.length - 1] ?? '') ? segments[segments.length - 1] : undefined;
  const at = locate(doc, segments, error);
  // A conflicting pair is underlined at both keys: either one may be the slip.
  if (isCustom(error) && error.atKeys) {
    for (const name of error.atKeys) {
      const pair = pairOf(doc, at, name);
      context.report({ message: schemaMessage(error, key, where, parentPlace), at: isScalar(pair?.key) ? (pair.key as YamlNode) : at });
    }
    return;
  }
  // A number is shown as written (99999999999999999, not the rounded 100000000000000000).
  const valueText = isScalar(at) && typeof at.value === 'number' && at.value === (error as { data?: unknown }).data ? scalarText(at) : undefined;
  const message = schemaMessage(error, key, where, parentPlace, valueText);
  context.report({ message, at, fixes: renameFix(context, error, at) });
}

/** "Did you mean" on an unknown key becomes a fix that renames the key. */
function renameFix(context: RuleContext, error: SelectedError, at: YamlNode | undefined): Fix[] {
  if (error.keyword !== 'additionalProperties' || !('schemaPath' in error) || !isScalar(at) || !at.range) return [];
  const unknownKey = String((error.params as { additionalProperty?: unknown }).additionalProperty);
  const hint = suggest(unknownKey, Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}));
  if (!hint || context.source.text.slice(at.range[0], at.range[1]) !== unknownKey) return [];
  return [{ title: `Rename to "${hint}"`, edits: [{ range: context.source.rangeOf(at.range[0], at.range[1]), newText: hint }] }];
}

function stepAt(doc: Document, job: string, index: number): unknown {
  const steps = get(doc, get(doc, get(doc, doc.contents, 'jobs'), job), 'steps');
  return isSeq(steps) ? resolve(doc, steps.items[index]) : undefined;
}

/** The node to underline: an unknown key itself, a parent's key for a missing key, else the value. */
function locate(doc: Document, segments: readonly string[], error: SelectedError): YamlNode | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of segments) {
    const resolved = resolve(doc, node);
    if (isMap(resolved)) {
      const pair = pairOf(doc, resolved, segment);
      keyNode = pair?.key;
      node = pair?.value;
    } else if (isSeq(resolved)) {
      node = resolved.items[Number(segment)];
      keyNode = undefined;
    } else {
      break;
    }
  }
  if (error.keyword === 'additionalProperties') {
    const name = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const pair = pairOf(doc, node, name);
    if (pair && isScalar(pair.key)) return pair.key as YamlNode;
  }
  if (error.keyword === 'required' || error.keyword === 'minItems' || error.keyword === 'minProperties') {
    if (isScalar(keyNode)) return keyNode as YamlNode;
    const first = resolve(doc, node);
    if (isMap(first) && isPair(first.items[0]) && isScalar(first.items[0].key)) return first.items[0].key as YamlNode;
  }
  return (node ?? keyNode ?? doc.contents) as YamlNode | undefined;
}
