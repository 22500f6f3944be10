/**
 * The keys and values GitLab's config entries allow inside the keywords people misspell most:
 * `default:`, `workflow:`, a rule of `rules:`, `artifacts:`, `cache:`, `environment:`, `retry:`
 * (lib/gitlab/ci/config/entry/*.rb, their ALLOWED_KEYS and inclusion validations). Unknown keys
 * are refused with GitLab's AllowedKeysValidator words; values are judged only where written as
 * plain text or integers (an unresolved `!reference`, a variable, a non-mapping left alone).
 */
import { entryOf, keyText, scalarText, valueOf, type AEntry, type ANode } from '../yaml/located-tree';
import { findingAt as at, type GitLabFinding } from './finding';
import { DEFAULT_KEYS } from './jobs';
import { checkSharedEntries } from './check-entries';

const WORKFLOW_KEYS = ['rules', 'name', 'auto_cancel'];
const JOB_RULE_KEYS = ['if', 'changes', 'exists', 'when', 'start_in', 'allow_failure', 'variables', 'needs', 'interruptible'];
const WORKFLOW_RULE_KEYS = ['if', 'changes', 'exists', 'when', 'start_in', 'allow_failure', 'variables', 'needs', 'auto_cancel'];
export const WORKFLOW_RULE_WHEN = ['always', 'never'];
const ARTIFACTS_KEYS = ['name', 'untracked', 'paths', 'reports', 'when', 'expire_in', 'expose_as', 'exclude', 'public', 'access'];
const CACHE_KEYS = ['key', 'untracked', 'paths', 'when', 'policy', 'unprotect', 'fallback_keys'];
const ENVIRONMENT_KEYS = ['name', 'url', 'action', 'on_stop', 'auto_stop_in', 'kubernetes', 'deployment_tier'];
const RETRY_KEYS = ['max', 'when', 'exit_codes'];
const ARTIFACT_WHEN = ['on_success', 'on_failure', 'always'];
const MAX_RETRY = 2;

type Rule = GitLabFinding['rule'];

/** GitLab's AllowedKeysValidator: `<location> config contains unknown keys: a, b`, at the first. */
export function checkKeys(location: string, node: ANode | undefined, allowed: readonly string[], rule: Rule, out: GitLabFinding[]): void {
  if (node?.kind !== 'map') return;
  const extra = node.entries.filter((entry) => keyText(entry) !== '<<' && !allowed.includes(keyText(entry)));
  if (extra.length)
    out.push({
      rule,
      severity: 'error',
      message: `${location} config contains unknown keys: ${extra.map(keyText).join(', ')}`,
      ...at((extra[0] as AEntry).key),
    });
}

/** A plain text value outside `allowed` (a variable or unresolved value is not judged). */
function checkText(location: string, node: ANode | undefined, allowed: readonly string[], message: string, out: GitLabFinding[]): void {
  if (node?.kind !== 'scalar' || node.unknown || typeof node.value !== 'string' || node.value.includes('$')) return;
  if (!allowed.includes(node.value)) out.push({ rule: 'gitlab-job', severity: 'error', message: `${location} ${message}`, ...at(node) });
}

const overRetries = (node: ANode | undefined): boolean =>
  node?.kind === 'scalar' && !node.unknown && typeof node.value === 'number' && Number.isInteger(node.value) && (node.value < 0 || node.value > MAX_RETRY);

function retryFindings(location: string, retry: ANode | undefined, out: GitLabFinding[]): void {
  const limit = (node: ANode, what: string): void => {
    const value = Number(scalarText(node));
    const bound = value < 0 ? 'greater than or equal to 0' : `less than or equal to ${MAX_RETRY}`;
    out.push({ rule: 'gitlab-job', severity: 'error', message: `${location} ${what} must be ${bound}`, ...at(node) });
  };
  if (retry && overRetries(retry)) limit(retry, 'config');
  checkKeys(location, retry, RETRY_KEYS, 'gitlab-job', out);
  const max = valueOf(retry, 'max');
  if (max && overRetries(max)) limit(max, 'max');
}

/** `default:`'s keys and the shapes of its artifacts, cache and retry. */
export function checkDefault(node: ANode | undefined, out: GitLabFinding[]): void {
  checkKeys('default', node, DEFAULT_KEYS, 'gitlab-job', out);
  checkShapes('default', node, out);
  checkScriptLines('default', node, out);
}

export function checkWorkflowKeys(node: ANode | undefined, out: GitLabFinding[]): void {
  checkKeys('workflow', node, WORKFLOW_KEYS, 'gitlab-job', out);
}

/** A rule's keys: `workflow:rules` rules take `auto_cancel`, job rules `interruptible`. */
export function checkRuleKeys(location: string, rule: ANode, workflow: boolean, out: GitLabFinding[]): void {
  checkKeys(location, rule, workflow ? WORKFLOW_RULE_KEYS : JOB_RULE_KEYS, 'gitlab-rules', out);
}

/** The shapes of a job's (or `default:`'s) artifacts, cache, environment and retry. */
export function checkShapes(location: string, job: ANode | undefined, out: GitLabFinding[]): void {
  const artifacts = valueOf(job, 'artifacts');
  checkKeys(`${location}:artifacts`, artifacts, ARTIFACTS_KEYS, 'gitlab-job', out);
  checkText(`${location}:artifacts`, valueOf(artifacts, 'when'), ARTIFACT_WHEN, 'when should be on_success, on_failure or always', out);
  const cache = valueOf(job, 'cache');
  for (const item of cache?.kind === 'seq' && !cache.reference ? cache.items : cache ? [cache] : []) {
    checkKeys(`${location}:cache`, item, CACHE_KEYS, 'gitlab-job', out);
    checkText(`${location}:cache`, valueOf(item, 'when'), ARTIFACT_WHEN, 'when should be on_success, on_failure or always', out);
  }
  checkKeys(`${location}:environment`, valueOf(job, 'environment'), ENVIRONMENT_KEYS, 'gitlab-environment', out);
  retryFindings(`${location}:retry`, valueOf(job, 'retry'), out);
  checkSharedEntries(location, job, out);
}

const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];
/** Keys a trigger job cannot have (GitLab's Bridge entry allows trigger and the keys every job has). */
const NOT_IN_TRIGGER_JOBS = [
  'before_script',
  'after_script',
  'artifacts',
  'cache',
  'image',
  'services',
  'coverage',
  'dependencies',
  'release',
  'secrets',
  'start_in',
];
const MAX_SCRIPT_NESTING = 10;
const MAX_PARALLEL = 200;

/** True, false, yes, no, on, off to GitLab's YAML 1.1 reader; an unresolved value is not judged. */
export const booleanLike = (node: ANode): boolean =>
  node.kind === 'scalar' &&
  (node.unknown === true || node.value === null || typeof node.value === 'boolean' || /^(?:yes|no|on|off|true|false)$/i.test(String(node.value)));

export const isReference = (node: ANode | undefined): boolean => node?.kind === 'seq' && node.reference === true;

/**
 * Shapes GitLab's job entry refuses: a mapping among script lines (a `- echo a: b` that YAML reads
 * as a mapping), tags that are not a list, interruptible and allow_failure shapes, start_in without
 * `when: delayed` (or with rules) and the reverse, and script keys next to `trigger`.
 */
export function checkJobShapes(location: string, job: ANode | undefined, out: GitLabFinding[]): void {
  if (job?.kind !== 'map') return;
  const say = (message: string, node: ANode): void => {
    out.push({ rule: 'gitlab-job', severity: 'error', message: `${location}${message}`, ...at(node) });
  };
  checkScriptLines(location, job, out);
  const tags = valueOf(job, 'tags');
  if (tags && !isReference(tags) && (tags.kind === 'map' || (tags.kind === 'scalar' && !tags.unknown && tags.value !== null)))
    say(':tags config should be an array of strings', tags);
  const interruptible = valueOf(job, 'interruptible');
  if (interruptible && !isReference(interruptible) && !booleanLike(interruptible)) say(':interruptible config should be a boolean value', interruptible);
  const allowFailure = valueOf(job, 'allow_failure');
  if (allowFailure?.kind === 'map') checkKeys(`${location}:allow_failure`, allowFailure, ['exit_codes'], 'gitlab-job', out);
  else if (allowFailure && !isReference(allowFailure) && !booleanLike(allowFailure))
    say(':allow_failure config should be a hash or a boolean value', allowFailure);
  const when = valueOf(job, 'when');
  const startIn = entryOf(job, 'start_in');
  const whenKnown = !when || (when.kind === 'scalar' && !when.unknown);
  if (whenKnown) {
    const delayed = scalarText(when) === 'delayed';
    if (startIn && (!delayed || entryOf(job, 'rules'))) say(' start in must be blank', startIn.key);
    else if (delayed && !startIn && !entryOf(job, 'rules')) say(' start in should be a duration', when as ANode);
  }
  // `parallel: N` (GitLab's docs: 1 to 200); `parallel: matrix:` is checked elsewhere, text and variables are not judged.
  const parallel = valueOf(job, 'parallel');
  if (parallel?.kind === 'scalar' && typeof parallel.value === 'number') {
    if (!Number.isInteger(parallel.value)) say(':parallel config must be an integer', parallel);
    else if (parallel.value < 1) say(':parallel config must be greater than or equal to 1', parallel);
    else if (parallel.value > MAX_PARALLEL) say(`:parallel config must be less than or equal to ${MAX_PARALLEL}`, parallel);
  }
  // `coverage: '/Total: (\d+)%/'`: GitLab reads the text between the slashes as the pattern.
  const coverage = valueOf(job, 'coverage');
  if (coverage?.kind === 'scalar' && typeof coverage.value === 'string' && !coverage.unknown && !/^\/[\s\S]*\/$/.test(coverage.value))
    say(':coverage config must be a regular expression', coverage);
  const trigger = entryOf(job, 'trigger');
  if (trigger && (entryOf(job, 'script') || entryOf(job, 'run'))) say(' config contains unknown keys: trigger', trigger.key);
  else if (trigger) {
    const extra = job.entries.filter((entry) => NOT_IN_TRIGGER_JOBS.includes(keyText(entry)));
    if (extra.length) say(` config contains unknown keys: ${extra.map(keyText).join(', ')}`, (extra[0] as AEntry).key);
  }
}

/** Script lines are text (nested lists flattened before, deeper ones told there): a mapping is not. */
export function checkScriptLines(location: string, node: ANode | undefined, out: GitLabFinding[]): void {
  for (const key of SCRIPT_KEYS) {
    const lines = valueOf(node, key);
    const items = lines?.kind === 'seq' && !lines.reference ? lines.items : lines ? [lines] : [];
    const wrong = items.find((item) => item.kind === 'map');
    if (wrong)
      out.push({
        rule: 'gitlab-job',
        severity: 'error',
        message: `${location}:${key} config should be a string or a nested array of strings up to ${MAX_SCRIPT_NESTING} levels deep`,
        ...at(wrong),
      });
  }
}
