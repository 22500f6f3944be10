/**
 * The keys and values of the smaller entries of a job (or `default:`) that GitLab's config
 * refuses: image and services, only/except in their mapping form, inherit, hooks, release,
 * resource_group, environment's action and tier, cache policy and key files
 * (lib/gitlab/ci/config/entry/*.rb: ALLOWED_KEYS, type and inclusion validations). A value GitLab
 * would only know later (a variable, an unresolved `!reference`) is never judged.
 */
import { entryOf, keyText, valueOf, type AEntry, type ANode } from '../yaml/located-tree';
import { booleanLike, checkKeys, isReference } from './check-keywords';
import { findingAt as at, type GitLabFinding } from './finding';

const IMAGE_KEYS = ['name', 'entrypoint', 'ports', 'pull_policy', 'docker', 'kubernetes'];
const SERVICE_KEYS = ['name', 'entrypoint', 'command', 'alias', 'ports', 'variables', 'pull_policy', 'docker', 'kubernetes'];
const POLICY_KEYS = ['refs', 'kubernetes', 'variables', 'changes'];
const INHERIT_KEYS = ['default', 'variables'];
const HOOKS_KEYS = ['pre_get_sources_script'];
const RELEASE_KEYS = ['tag_name', 'tag_message', 'name', 'description', 'ref', 'released_at', 'milestones', 'assets'];
const INCLUDE_KEYS = ['local', 'file', 'remote', 'project', 'ref', 'template', 'component', 'rules', 'inputs', 'integrity', 'cache'];
const TRIGGER_KEYS = ['project', 'branch', 'strategy', 'forward', 'include', 'inputs'];
const TRIGGER_STRATEGIES = ['depend', 'mirror'];
const PARALLEL_KEYS = ['matrix'];
const MAX_JOB_NAME = 255;
const ENVIRONMENT_ACTIONS = ['start', 'stop', 'prepare', 'verify', 'access'];
const DEPLOYMENT_TIERS = ['production', 'staging', 'testing', 'development', 'other'];
const CACHE_POLICIES = ['pull-push', 'push', 'pull'];
const MAX_CACHE_KEY_FILES = 2;

/** Plain text GitLab reads as it is: not a variable, not an unresolved value. */
const plainText = (node: ANode | undefined): string | undefined =>
  node?.kind === 'scalar' && !node.unknown && typeof node.value === 'string' && !node.value.includes('$') ? node.value : undefined;

/** An image or a service: text, or a mapping of known keys. */
function checkImageLike(
  location: string,
  node: ANode | undefined,
  keys: readonly string[],
  say: (message: string, node: ANode) => void,
  out: GitLabFinding[],
): void {
  if (!node || isReference(node) || (node.kind === 'scalar' && (node.unknown || node.value === null))) return;
  if (node.kind === 'map') checkKeys(location, node, keys, 'gitlab-job', out);
  else if (node.kind !== 'scalar' || typeof node.value !== 'string') say(`${location} config should be a hash or a string`, node);
}

function checkServices(location: string, services: ANode | undefined, say: (message: string, node: ANode) => void, out: GitLabFinding[]): void {
  if (!services || isReference(services) || (services.kind === 'scalar' && (services.unknown || services.value === null))) return;
  if (services.kind !== 'seq') return say(`${location}:services config should be a array`, services);
  for (const service of services.items) checkImageLike(`${location}:services:service`, service, SERVICE_KEYS, say, out);
}

function checkEnvironmentValues(location: string, environment: ANode | undefined, say: (message: string, node: ANode) => void): void {
  const action = valueOf(environment, 'action');
  const actionText = plainText(action);
  if (action && actionText !== undefined && !ENVIRONMENT_ACTIONS.includes(actionText))
    say(`${location}:environment action should be start, stop, prepare, verify, or access`, action);
  const tier = valueOf(environment, 'deployment_tier');
  const tierText = plainText(tier);
  if (tier && tierText !== undefined && !DEPLOYMENT_TIERS.includes(tierText))
    say(`${location}:environment deployment tier must be one of ${DEPLOYMENT_TIERS.slice(0, -1).join(', ')}, or other`, tier);
}

function checkCacheValues(location: string, cache: ANode | undefined, say: (message: string, node: ANode) => void): void {
  for (const item of cache?.kind === 'seq' && !cache.reference ? cache.items : cache ? [cache] : []) {
    const policy = valueOf(item, 'policy');
    const policyText = plainText(policy);
    if (policy && policyText !== undefined && !CACHE_POLICIES.includes(policyText)) say(`${location}:cache policy should be pull-push, push, or pull`, policy);
    const files = valueOf(valueOf(item, 'key'), 'files');
    if (files?.kind === 'seq' && !files.reference && files.items.length > MAX_CACHE_KEY_FILES)
      say(`${location}:cache:key:files has too many entries (maximum ${MAX_CACHE_KEY_FILES})`, files.items[MAX_CACHE_KEY_FILES] as ANode);
  }
}

/** `release:`: known keys, with a tag_name and a description (GitLab's Release entry: both present). */
function checkRelease(location: string, entry: AEntry | undefined, say: (message: string, node: ANode) => void, out: GitLabFinding[], open: boolean): void {
  const release = entry?.value;
  if (release?.kind !== 'map') return;
  checkKeys(`${location}:release`, release, RELEASE_KEYS, 'gitlab-job', out);
  // What a merge key brings is not known here, nor what extends brings from an include not read.
  if (open || release.entries.some((item) => keyText(item) === '<<')) return;
  for (const key of ['tag_name', 'description'])
    if (!valueOf(release, key)) say(`${location}:release ${key.replace('_', ' ')} can't be blank`, (entry as AEntry).key);
}

/** The entries `default:` and jobs share: image, services, hooks, environment values, cache values. */
export function checkSharedEntries(location: string, job: ANode | undefined, out: GitLabFinding[]): void {
  if (job?.kind !== 'map') return;
  const say = (message: string, node: ANode): void => {
    out.push({ rule: 'gitlab-job', severity: 'error', message, ...at(node) });
  };
  checkImageLike(`${location}:image`, valueOf(job, 'image'), IMAGE_KEYS, say, out);
  checkServices(location, valueOf(job, 'services'), say, out);
  checkKeys(`${location}:hooks`, valueOf(job, 'hooks'), HOOKS_KEYS, 'gitlab-job', out);
  checkEnvironmentValues(location, valueOf(job, 'environment'), say);
  checkCacheValues(location, valueOf(job, 'cache'), say);
}

/** The entries only a job has: only/except in mapping form, inherit, release, resource_group. */
export function checkJobEntries(
  location: string,
  job: ANode | undefined,
  out: GitLabFinding[],
  name?: { text: string; key: ANode },
  /** Something is not known offline (an include not read): keys a job may inherit through it are not required. */
  open = false,
): void {
  if (job?.kind !== 'map') return;
  const say = (message: string, node: ANode): void => {
    out.push({ rule: 'gitlab-job', severity: 'error', message, ...at(node) });
  };
  if (name && name.text.length > MAX_JOB_NAME) say(`${location} name is too long (maximum is ${MAX_JOB_NAME} characters)`, name.key);
  checkKeys(`${location}:only`, valueOf(job, 'only'), POLICY_KEYS, 'gitlab-job', out);
  checkKeys(`${location}:except`, valueOf(job, 'except'), POLICY_KEYS, 'gitlab-job', out);
  checkKeys(`${location}:inherit`, valueOf(job, 'inherit'), INHERIT_KEYS, 'gitlab-job', out);
  checkRelease(location, entryOf(job, 'release'), say, out, open);
  checkTriggerParallelNeeds(location, job, say, out);
  const group = valueOf(job, 'resource_group');
  if (group && !isReference(group) && (group.kind !== 'scalar' || (!group.unknown && typeof group.value !== 'string' && typeof group.value !== 'number')))
    say(`${location} resource group should be a string`, group);
}

/** `trigger:` in its mapping form, `parallel:` in its mapping form, and `needs:` items' `artifacts`. */
function checkTriggerParallelNeeds(location: string, job: ANode, say: (message: string, node: ANode) => void, out: GitLabFinding[]): void {
  const trigger = valueOf(job, 'trigger');
  checkKeys(`${location}:trigger`, trigger, TRIGGER_KEYS, 'gitlab-job', out);
  const strategy = valueOf(trigger, 'strategy');
  const strategyText = plainText(strategy);
  if (strategy && strategyText !== undefined && !TRIGGER_STRATEGIES.includes(strategyText))
    say(`${location}:trigger strategy should be depend or mirror`, strategy);
  const parallel = valueOf(job, 'parallel');
  checkKeys(`${location}:parallel`, parallel, PARALLEL_KEYS, 'gitlab-job', out);
  const matrix = valueOf(parallel, 'matrix');
  if (matrix && !isReference(matrix) && (matrix.kind === 'map' || (matrix.kind === 'scalar' && !matrix.unknown)))
    say(`${location}:parallel:matrix config should be an array of hashes`, matrix);
  const needs = valueOf(job, 'needs');
  for (const need of needs?.kind === 'seq' && !needs.reference ? needs.items : []) {
    const artifacts = valueOf(need, 'artifacts');
    // YAML 1.1 (GitLab's reader) takes yes/no/on/off as booleans too.
    if (artifacts?.kind === 'scalar' && artifacts.value !== null && !booleanLike(artifacts))
      say(`${location}:needs:need artifacts should be a boolean value`, artifacts);
  }
}

/** An `include:` item written as a mapping with keys no include has (`locl: a.yml`). */
export function includeItemProblems(include: ANode | undefined): { message: string; node: ANode }[] {
  const items = include?.kind === 'seq' && !include.reference ? include.items : include ? [include] : [];
  const problems: { message: string; node: ANode }[] = [];
  for (const item of items) {
    if (item.kind !== 'map') continue;
    const extra = item.entries.filter((entry) => keyText(entry) !== '<<' && !INCLUDE_KEYS.includes(keyText(entry)));
    if (extra.length) problems.push({ message: `include config contains unknown keys: ${extra.map(keyText).join(', ')}`, node: (extra[0] as AEntry).key });
    const project = entryOf(item, 'project');
    if (project && !valueOf(item, 'file')) problems.push({ message: 'include config must specify the file where to fetch the config from', node: project.key });
  }
  return problems;
}
