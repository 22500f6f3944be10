import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml/identity';
import { scalarText } from './yaml/nodes';
import { classifyPipelinePath, type PipelineKind } from './pipeline-kind';

/**
 * The kind of a file: by path first; a YAML file elsewhere counts as a
 * workflow only when its top level has both `on` and `jobs`, as GitLab CI when
 * it starts with a `spec:` header document, and as an Azure pipeline when its
 * top level is one (see azureShaped). Anything else is not
 * a pipeline, and nothing is reported on it.
 */
export function detectKind(relativePath: string, doc: Document | undefined): PipelineKind | undefined {
  const byPath = classifyPipelinePath(relativePath);
  if (byPath) return byPath;
  if (!/\.ya?ml$/i.test(relativePath) || !doc || !isMap(doc.contents)) return undefined;
  const keys = new Set(doc.contents.items.filter(isPair).map((pair) => (isScalar(pair.key) ? scalarText(pair.key) : '')));
  if (keys.has('on') && keys.has('jobs')) return 'github-workflow';
  if (gitLabSpecHeader(doc, keys)) return 'gitlab-ci';
  return azureShaped(doc.contents) ? 'azure-pipelines' : undefined;
}

/** GitLab's `spec:` keys (inputs, and a component's own). */
const SPEC_KEYS = new Set(['inputs', 'component', 'include']);

/**
 * A GitLab component or template: a first document holding `spec:` alone (with `inputs:`), and a
 * second one. No other tool writes that pair, so it cannot misfire on other YAML.
 */
function gitLabSpecHeader(doc: Document, keys: ReadonlySet<string>): boolean {
  if (keys.size !== 1 || !keys.has('spec') || !doc.errors.some((error) => error.code === 'MULTIPLE_DOCS')) return false;
  const spec = isMap(doc.contents) ? doc.contents.items.find(isPair)?.value : undefined;
  const specKeys = keysOf(spec);
  return specKeys.length > 0 && specKeys.every((key) => SPEC_KEYS.has(key));
}

/** The keys that make a list item an Azure stage, job or step. */
const ITEM_KEYS: Readonly<Record<string, readonly string[]>> = {
  stages: ['stage', 'template'],
  jobs: ['job', 'deployment', 'template'],
  steps: ['task', 'script', 'bash', 'pwsh', 'powershell', 'checkout', 'template', 'download', 'publish'],
};

/**
 * Other tools' root keys: a file holding one is theirs (Kubernetes, GitHub, GitLab). A
 * docker-compose file's `services` is no sign (an Azure pipeline may have one too): it has no
 * Azure lists.
 */
const FOREIGN_KEYS = ['on', 'apiVersion', 'kind', 'image', 'include', 'workflow', 'default', 'before_script', 'substitutions', 'images', 'availableSecrets'];

const keysOf = (map: unknown): string[] => (isMap(map) ? map.items.filter(isPair).map((pair) => (isScalar(pair.key) ? scalarText(pair.key) : '')) : []);

/**
 * Whether a list holds an item shaped like an Azure stage, job or step (looking inside
 * `${{ if }}` / `${{ each }}` blocks). Cloud Build's steps (`name` and `image`/`args`) are not.
 */
function hasAzureItem(list: unknown, itemKeys: readonly string[], depth = 0): boolean {
  if (!isSeq(list) || depth > 5) return false;
  if (list.items.some((item) => keysOf(item).some((key) => key === 'image' || key === 'args'))) return false;
  return list.items.some((item) => {
    if (!isMap(item)) return false;
    if (keysOf(item).some((key) => itemKeys.includes(key))) return true;
    return item.items.some(
      (pair) => isPair(pair) && isScalar(pair.key) && scalarText(pair.key).startsWith('${{') && hasAzureItem(pair.value, itemKeys, depth + 1),
    );
  });
}

/** A root mapping with `stages`, `jobs` or `steps` lists of Azure items, or `extends: { template }`. */
function azureShaped(root: NonNullable<unknown>): boolean {
  if (!isMap(root)) return false;
  const keys = keysOf(root);
  if (keys.some((key) => FOREIGN_KEYS.includes(key))) return false;
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = scalarText(pair.key);
    const itemKeys = ITEM_KEYS[key];
    if (itemKeys && hasAzureItem(pair.value, itemKeys)) return true;
    if (key === 'extends' && keysOf(pair.value).includes('template')) return true;
  }
  return false;
}
