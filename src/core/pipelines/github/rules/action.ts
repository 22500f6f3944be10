import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { asMap, get, itemsOf, keyText, pairsOf } from '../../yaml/nodes';
import { compositeProblem, MAX_COMPOSITE_DEPTH, readLocalAction, type ActionMetadata } from '../action-metadata';
import { latestMajor, lookupPopularAction, type PopularAction } from '../data/popular-actions';
import { suggest } from '../data/suggest';
import { isSelfReference, sameRepositoryPath } from '../same-repository';
import { describeStep, jobsOf, stepsOf } from '../workflow-nodes';

const REMOTE = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)(\/[^@]*)?@(.+)$/;

/** `uses:` of steps: the reference format, and `with:` inputs of local and popular actions. */
export const actionRule: Rule = {
  id: 'action',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  description: "uses: must be owner/repo[/path]@ref, ./path or docker://image; with: must match the action's inputs.",
  check(context) {
    // Many steps use the same local action: ask the file system once per folder in a validation.
    const folders = new Map<string, boolean>();
    const exists = (dir: string): boolean => {
      let found = folders.get(dir);
      if (found === undefined) folders.set(dir, (found = existsSync(dir)));
      return found;
    };
    const { doc } = context.source;
    if (context.kind === 'github-action') {
      itemsOf(doc, get(doc, get(doc, doc.contents, 'runs'), 'steps')).forEach((item, index) => {
        const map = asMap(doc, item);
        if (map) checkStep(context, map, () => `step ${index + 1} of the composite action`, exists);
      });
      return;
    }
    for (const job of jobsOf(context)) for (const step of stepsOf(context, job)) checkStep(context, step.map, () => describeStep(context, step), exists);
  },
};

const NESTING_WORDS = { loop: 'leads to a loop', deep: `nests composite actions more than ${MAX_COMPOSITE_DEPTH} deep` } as const;

/** A finding about composite actions nested in a loop or too deep: the step that starts the chain says it already. */
export const isNestingFinding = (message: string): boolean => message.includes(NESTING_WORDS.loop) || message.includes(NESTING_WORDS.deep);

/** How messages name a step (computed only for a message: most steps get none). */
type Label = () => string;

function checkStep(context: RuleContext, step: YAMLMap<unknown, unknown>, label: Label, exists: (dir: string) => boolean): void {
  const { doc } = context.source;
  const usesNode = get(doc, step, 'uses');
  if (!isScalar(usesNode) || typeof usesNode.value !== 'string') return;
  const uses = usesNode.value.trim();
  const local = sameRepositoryPath(uses);
  if (uses.includes('${{') || (uses.startsWith('$') && !local)) return;
  if (uses.startsWith('docker://')) {
    if (uses.length === 'docker://'.length) context.report({ message: `"uses: docker://" in ${label()} names no image.`, at: usesNode as YamlNode });
    // `image:` with nothing after the colon (past the last /, so a registry port is not it): Docker refuses the reference.
    else if (uses.endsWith(':') && !uses.slice(uses.lastIndexOf('/') + 1, -1).includes(':'))
      context.report({ message: `"uses: ${uses}" in ${label()} has an empty tag after ":".`, at: usesNode as YamlNode });
    return;
  }
  if (local) {
    const dir = resolve(context.root, local);
    if (!exists(dir)) {
      // A ./ folder that is not there may be checked out by an earlier step; a $/ one is read from this commit.
      if (isSelfReference(uses))
        context.report({
          message: `Action "${uses}" names a folder that is not in this repository; $/ resolves to the running commit, so the step fails.`,
          at: usesNode as YamlNode,
        });
      return;
    }
    const metadata = readLocalAction(dir, context.readFile);
    if (!metadata) {
      context.report({
        severity: 'warning',
        message: `Local action "${uses}" has no action.yml (or action.yaml) in ${join(local)}.`,
        at: usesNode as YamlNode,
      });
      return;
    }
    checkInputs(context, step, label, uses, metadata, true);
    const nesting = compositeProblem(local, context.root, context.readFile);
    if (nesting) {
      const why = nesting.loop ? NESTING_WORDS.loop : NESTING_WORDS.deep;
      context.report({
        message: `Local action "${uses}" in ${label()} ${why} (${nesting.chain.join(' → ')}): GitHub stops composite actions ${MAX_COMPOSITE_DEPTH} levels deep, so this step fails.`,
        at: usesNode as YamlNode,
      });
    }
    return;
  }
  const match = REMOTE.exec(uses);
  if (!match) {
    context.report({
      message: `"${uses}" in ${label()} is not a valid action reference: use owner/repo@ref, owner/repo/path@ref, ./path/to/action or docker://image.`,
      at: usesNode as YamlNode,
    });
    return;
  }
  const popular = lookupPopularAction(uses);
  if (!popular) return;
  if (popular.outdatedRuntime) {
    const latest = latestMajor(popular.name);
    context.report({
      severity: 'warning',
      message: `${popular.name}@${popular.major} runs on ${popular.outdatedRuntime}, which GitHub no longer supports.${latest && latest !== popular.major ? ` Update to ${popular.name}@${latest}.` : ''}`,
      at: usesNode as YamlNode,
    });
  }
  checkInputs(context, step, label, `${popular.name}@${popular.major}`, popularMetadata(popular), popular.inputsComplete);
}

/** A popular action's inputs and outputs by lower-case name, built once per table entry. */
const popularMetadataCache = new WeakMap<PopularAction, ActionMetadata>();

function popularMetadata(popular: PopularAction): ActionMetadata {
  let metadata = popularMetadataCache.get(popular);
  if (!metadata) {
    metadata = {
      inputs: new Map(Object.entries(popular.inputs).map(([name, input]) => [name.toLowerCase(), input])),
      outputs: new Set(popular.outputs),
      localUses: [],
      using: popular.using,
    };
    popularMetadataCache.set(popular, metadata);
  }
  return metadata;
}

function checkInputs(context: RuleContext, step: YAMLMap<unknown, unknown>, label: Label, action: string, metadata: ActionMetadata, complete: boolean): void {
  const { doc } = context.source;
  const withNode = get(doc, step, 'with');
  const given = new Set<string>();
  for (const pair of pairsOf(doc, withNode)) {
    const name = keyText(pair);
    given.add(name.toLowerCase());
    const input = metadata.inputs.get(name.toLowerCase());
    if (!input && DOCKER_ONLY.has(name.toLowerCase()) && metadata.using !== undefined) {
      // A Docker action takes with.args and with.entrypoint without declaring them; other kinds never read them.
      if (metadata.using === 'docker') continue;
      if (complete && metadata.using !== 'unknown') {
        context.report({
          severity: 'warning',
          message: `Action ${action} has no input "${name}": with.${name.toLowerCase()} is only for Docker container actions, and this one runs ${metadata.using === 'composite' ? 'as a composite action' : `on ${metadata.using}`}; GitHub will ignore it.`,
          at: pair.key as YamlNode,
        });
        continue;
      }
    }
    if (!input) {
      // Where the list may miss names, only "_" written for "-" (or the reverse) is surely a mistake.
      const variant = complete ? undefined : dashVariant(name, metadata.inputs);
      if (!complete && !variant) continue;
      const hint = variant ?? suggest(name, [...metadata.inputs.keys()]);
      // GitHub runs the step anyway with an "Unexpected input" warning: so do we.
      context.report({
        severity: 'warning',
        message: `Action ${action} has no input "${name}"; GitHub will ignore it.${hint ? ` Did you mean "${hint}"?` : ''}`,
        at: pair.key as YamlNode,
      });
    } else if (input.deprecationMessage) {
      context.report({ severity: 'warning', message: `Input "${name}" of ${action} is deprecated: ${input.deprecationMessage}`, at: pair.key as YamlNode });
    }
  }
  const missing: string[] = [];
  metadata.inputs.forEach((input, name) => {
    if (input.required && !input.hasDefault && !given.has(name)) missing.push(`"${name}"`);
  });
  if (missing.length) {
    const usesNode = get(doc, step, 'uses');
    context.report({
      message: `${label()} uses ${action} without its required input${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
      at: usesNode as YamlNode,
    });
  }
}

/** `with:` keys GitHub gives a Docker container action in place of its image's CMD and ENTRYPOINT. */
const DOCKER_ONLY: ReadonlySet<string> = new Set(['args', 'entrypoint']);

/** The known input that `name` spells with "_" where it has "-" (or the reverse): `node_version` for `node-version`. */
function dashVariant(name: string, inputs: ReadonlyMap<string, unknown>): string | undefined {
  const wanted = name.toLowerCase().replace(/_/g, '-');
  for (const known of inputs.keys()) if (known !== name.toLowerCase() && known.replace(/_/g, '-') === wanted) return known;
  return undefined;
}
