/**
 * What a push of a branch would run in GitLab CI, from the merged configuration: `workflow:rules`
 * for the pipeline, then each visible job's `rules` (first match decides; `when: never` stops it)
 * or `only`/`except` (refs, variables, changes), GitLab's default being every branch and tag.
 * Variables GitLab sets for a branch push are known (CI_PIPELINE_SOURCE is "push", the branch, the
 * default branch, no tag and no merge request); the configuration's own plain `variables:` too;
 * anything else may be set in the project's settings, so a rule that reads it cannot be decided.
 * Pure: the caller gives the merged configuration, the branch and the changed paths.
 */
import { scalarText, valueOf, type AMap, type ANode } from '../yaml/located-tree';
import { evaluateExpression, UNKNOWN, type VariableValue } from './rules-evaluate';
import type { MergedGitLabConfig } from './merge';
import { re2RegExp } from './re2';

export interface GitLabPush {
  readonly branch: string;
  readonly defaultBranch: string | undefined;
  readonly changedPaths: readonly string[];
  /** The pushed head commit's message, when known (CI_COMMIT_MESSAGE). */
  readonly commitMessage?: string;
}

export interface GitLabJobForecast {
  readonly id: string;
  readonly willRun: boolean | undefined;
  readonly reason: string;
}

export interface GitLabForecast {
  readonly willRun: boolean | undefined;
  readonly reason: string;
  readonly jobs: readonly GitLabJobForecast[];
}

/** Variables a branch push sets (and those it leaves unset: merge requests, tags, schedules). */
function pushVariables(push: GitLabPush, config: AMap | undefined): (name: string) => VariableValue {
  const known = new Map<string, string | null>([
    ['CI_PIPELINE_SOURCE', 'push'],
    ['CI_COMMIT_BRANCH', push.branch],
    ['CI_COMMIT_REF_NAME', push.branch],
    [
      'CI_COMMIT_REF_SLUG',
      push.branch
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 63),
    ],
    ['CI_COMMIT_TAG', null],
    ['CI_MERGE_REQUEST_ID', null],
    ['CI_MERGE_REQUEST_IID', null],
    ['CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', null],
    ['CI_MERGE_REQUEST_TARGET_BRANCH_NAME', null],
    ['CI_MERGE_REQUEST_LABELS', null],
    ['CI_EXTERNAL_PULL_REQUEST_IID', null],
    ['CI_PIPELINE_TRIGGERED', null],
  ]);
  if (push.defaultBranch) known.set('CI_DEFAULT_BRANCH', push.defaultBranch);
  if (push.commitMessage !== undefined) known.set('CI_COMMIT_MESSAGE', push.commitMessage);
  // The configuration's own plain values (a project or group variable of the same name would win: rare, and said in the reason).
  const variables = valueOf(config, 'variables');
  if (variables?.kind === 'map')
    for (const entry of variables.entries) {
      const name = scalarText(entry.key);
      const value = entry.value.kind === 'map' ? scalarText(valueOf(entry.value, 'value')) : scalarText(entry.value);
      if (name && value !== undefined && !value.includes('$') && !known.has(name)) known.set(name, value);
    }
  return (name) => (known.has(name) ? (known.get(name) as string | null) : UNKNOWN);
}

/** GitLab's `changes:` globs (File.fnmatch with PATHNAME, DOTMATCH, EXTGLOB): `**` crosses folders, `*` does not, `{a,b}` alternates. */
function globMatches(pattern: string, path: string): boolean {
  let body = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*' && pattern[index + 1] === '*') {
      body += pattern[index + 2] === '/' ? '(?:.*/)?' : '.*';
      index += pattern[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') body += '[^/]*';
    else if (char === '?') body += '[^/]';
    else if (char === '{') body += '(?:';
    else if (char === '}') body += ')';
    else if (char === ',' && body.includes('(?:')) body += '|';
    else body += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  try {
    return new RegExp(`^${body}$`).test(path);
  } catch {
    return false;
  }
}

const textsOf = (node: ANode | undefined): string[] | undefined => {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value === null ? [] : [String(node.value)];
  if (node.kind === 'seq') return node.items.flatMap((item) => (scalarText(item) === undefined ? [] : [scalarText(item) as string]));
  return undefined;
};

/** `changes:` (a list, or `paths:` under it): whether a changed path matches; unknown for variables in the globs. */
function changesMatch(node: ANode, push: GitLabPush): boolean | undefined {
  const patterns = textsOf(node.kind === 'map' ? valueOf(node, 'paths') : node) ?? [];
  if (patterns.some((pattern) => pattern.includes('$'))) return undefined;
  return push.changedPaths.some((path) => patterns.some((pattern) => globMatches(pattern, path)));
}

interface RuleOutcome {
  readonly decided: boolean | undefined;
  readonly reason: string;
}

/** The first rule that matches decides (its `when`); no rule matching means no run. */
function evaluateRules(rules: ANode, variable: (name: string) => VariableValue, push: GitLabPush, noneMatches: string): RuleOutcome {
  const items = rules.kind === 'seq' ? rules.items.flatMap((item) => (item.kind === 'seq' ? item.items : [item])) : [];
  for (const [index, rule] of items.entries()) {
    if (rule.kind !== 'map') continue;
    const condition = scalarText(valueOf(rule, 'if'));
    const ifResult = condition === undefined ? true : evaluateExpression(condition, variable);
    const changes = valueOf(rule, 'changes');
    const changeResult = changes ? changesMatch(changes, push) : true;
    // `exists:` looks at the repository's files at that commit: not read here.
    const existsResult = valueOf(rule, 'exists') ? undefined : true;
    const results = [ifResult, changeResult, existsResult];
    if (results.includes(false)) continue;
    const label = condition !== undefined ? `rule ${index + 1} (if: ${condition})` : `rule ${index + 1}`;
    if (results.includes(undefined)) return { decided: undefined, reason: `cannot tell: ${label} reads what is not known offline` };
    const when = scalarText(valueOf(rule, 'when')) ?? 'on_success';
    if (when === 'never') return { decided: false, reason: `${label} says when: never` };
    return { decided: true, reason: `${label} matches${when === 'on_success' ? '' : ` (when: ${when})`}` };
  }
  return { decided: false, reason: noneMatches };
}

/** `only`/`except` refs for a branch push: keywords, names and /regex/. */
function refMatches(ref: string, branch: string): boolean | undefined {
  if (ref === 'branches' || ref === 'pushes') return true;
  if (['tags', 'merge_requests', 'external_pull_requests', 'schedules', 'api', 'web', 'triggers', 'pipelines', 'chat', 'external'].includes(ref)) return false;
  if (/^\/.*\/[ismU]*$/.test(ref)) {
    const end = ref.lastIndexOf('/');
    return re2RegExp(ref.slice(1, end), ref.slice(end + 1))?.test(branch);
  }
  if (ref.includes('@')) return undefined; // refs@project: which project pushes is not known here
  return ref === branch;
}

/** One `only:` or `except:`: whether it matches this push (refs, variables, changes all must). */
function onlyExceptMatches(node: ANode, variable: (name: string) => VariableValue, push: GitLabPush): boolean | undefined {
  const refs = node.kind === 'map' ? textsOf(valueOf(node, 'refs')) : textsOf(node);
  const parts: (boolean | undefined)[] = [];
  if (refs) {
    const matches = refs.map((ref) => refMatches(ref, push.branch));
    parts.push(matches.includes(true) ? true : matches.includes(undefined) ? undefined : false);
  }
  if (node.kind === 'map') {
    const variables = textsOf(valueOf(node, 'variables'));
    if (variables) {
      const results = variables.map((expression) => evaluateExpression(expression, variable));
      parts.push(results.includes(true) ? true : results.includes(undefined) ? undefined : false);
    }
    const changes = valueOf(node, 'changes');
    if (changes) parts.push(changesMatch(changes, push));
  }
  return parts.includes(false) ? false : parts.includes(undefined) ? undefined : true;
}

function jobForecast(job: AMap, variable: (name: string) => VariableValue, push: GitLabPush): { willRun: boolean | undefined; reason: string } {
  const rules = valueOf(job, 'rules');
  if (rules) {
    const outcome = evaluateRules(rules, variable, push, 'none of its rules matches a push to this branch');
    return { willRun: outcome.decided, reason: outcome.reason };
  }
  const only = valueOf(job, 'only');
  const except = valueOf(job, 'except');
  const onlyResult = only ? onlyExceptMatches(only, variable, push) : true; // GitLab's default: branches and tags
  const exceptResult = except ? onlyExceptMatches(except, variable, push) : false;
  if (onlyResult === false) return { willRun: false, reason: 'its only: does not match a push to this branch' };
  if (exceptResult === true) return { willRun: false, reason: 'its except: matches a push to this branch' };
  if (onlyResult === undefined || exceptResult === undefined)
    return { willRun: undefined, reason: 'cannot tell: its only/except reads what is not known offline' };
  const when = scalarText(valueOf(job, 'when'));
  return {
    willRun: true,
    reason:
      only || except
        ? `its only/except lets a push to this branch run it${when && when !== 'on_success' ? ` (when: ${when})` : ''}`
        : 'runs on every push (no rules)',
  };
}

/** The forecast for a push; `undefined` willRun where it cannot be decided offline. */
export function forecastGitLabPush(merged: MergedGitLabConfig, push: GitLabPush): GitLabForecast {
  const variable = pushVariables(push, merged.root);
  const workflowRules = valueOf(valueOf(merged.root, 'workflow'), 'rules');
  const pipeline = workflowRules
    ? evaluateRules(workflowRules, variable, push, 'no workflow:rules entry matches a push to this branch')
    : { decided: true, reason: 'no workflow:rules' };
  const jobs = merged.jobs
    .filter((job) => !job.hidden && job.effective)
    .map((job): GitLabJobForecast => {
      if (pipeline.decided === false) return { id: job.name, willRun: false, reason: 'the pipeline does not run' };
      const answer = jobForecast(job.effective as AMap, variable, push);
      return { id: job.name, ...answer };
    });
  if (pipeline.decided === false) return { willRun: false, reason: pipeline.reason, jobs };
  const running = jobs.filter((job) => job.willRun === true).length;
  const unsure = jobs.filter((job) => job.willRun === undefined).length;
  const willRun = running > 0 ? (pipeline.decided === undefined ? undefined : true) : unsure > 0 || pipeline.decided === undefined ? undefined : false;
  const counts = `${running} of ${jobs.length} job${jobs.length === 1 ? '' : 's'} would run${unsure ? `, ${unsure} cannot be told` : ''}`;
  const offline = merged.undecided ? '; includes not read offline may add jobs' : '';
  return { willRun, reason: `${pipeline.reason}: ${counts}${offline}`, jobs };
}
