/**
 * What GitLab checks when it creates a pipeline, and no schema can see, on the merged
 * configuration: jobs with something to run, known job keys, stages that exist, `needs` and
 * `dependencies` that name jobs in current or prior stages without cycles, `rules` not mixed with
 * `only`/`except`, `when` values, `environment: on_stop` targets. Messages are GitLab's own words.
 * A claim that another file could make false (an include not read offline, a fragment checked
 * alone) is not made.
 */
import type { LocatedFix } from '../located-findings';
import { entryOf, keyText, scalarText, valueOf, type AMap, type ANode } from '../yaml/located-tree';
import { checkJobEntries } from './check-entries';
import { checkDefault, checkJobShapes, checkRuleKeys, checkShapes, checkWorkflowKeys, WORKFLOW_RULE_WHEN } from './check-keywords';
import { checkMatrixNeeds, matrixCombinations } from './check-matrix-needs';
import { checkPolicyVariables, checkRulesList } from './check-rules';
import { checkVariables, JOB_VARIABLE_DATA, TOP_LEVEL_VARIABLE_DATA } from './check-variables';
import { findingAt as at, type GitLabFinding } from './finding';
import { addToStagesFix, globalKeyFixes, newStagesFix, renameFixes, stageInsertIndex } from './gitlab-fixes';
import { GLOBAL_KEYWORDS, type GitLabJob } from './jobs';
import { withIncludeLines, type MergedGitLabConfig } from './merge';

/** GitLab's job keywords (docs.gitlab.com/ci/yaml, "Job keywords"), `publish` and `start_in` included. */
export const JOB_KEYWORDS = new Set([
  'after_script',
  'allow_failure',
  'artifacts',
  'before_script',
  'cache',
  'coverage',
  'dast_configuration',
  'dependencies',
  'environment',
  'except',
  'extends',
  'hooks',
  'id_tokens',
  'identity',
  'image',
  'inherit',
  'interruptible',
  'manual_confirmation',
  'needs',
  'only',
  'pages',
  'parallel',
  'publish',
  'release',
  'resource_group',
  'retry',
  'rules',
  'run',
  'script',
  'secrets',
  'services',
  'stage',
  'start_in',
  'tags',
  'timeout',
  'trigger',
  'variables',
  'when',
]);

export const JOB_WHEN = ['on_success', 'on_failure', 'always', 'manual', 'delayed', 'never'];
export const RULE_WHEN = ['on_success', 'on_failure', 'always', 'never', 'manual', 'delayed'];
export const DEFAULT_STAGES = ['build', 'test', 'deploy'];
export const MAX_NEEDS = 50;

export interface GitLabCheckOptions {
  /** The file is only reached by `include:` elsewhere: it need not hold a visible job. */
  readonly fragment?: boolean;
}

function textsOf(node: ANode | undefined): { text: string; node: ANode }[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items.flatMap(textsOf);
  const text = scalarText(node);
  return text === undefined ? [] : [{ text, node }];
}

/** The stages in order: `stages:` (or the old `types:`), else GitLab's defaults; `.pre` first and `.post` last. */
export function pipelineStages(root: AMap | undefined): string[] {
  const declared = valueOf(root, 'stages') ?? valueOf(root, 'types');
  const names = declared ? textsOf(declared).map((s) => s.text) : DEFAULT_STAGES;
  return ['.pre', ...names.filter((name) => name !== '.pre' && name !== '.post'), '.post'];
}

interface Need {
  readonly name: string;
  readonly node: ANode;
  readonly optional: boolean;
  /** The matrix copies a `parallel: matrix` need names (another set of copies is no duplicate); '' for the whole job. */
  readonly legs?: string;
}

/** The combinations of a need's `parallel: matrix` as text; where not known offline, its place (never a duplicate). */
const matrixText = (matrix: ANode | undefined): string => {
  if (!matrix) return '';
  const combinations = matrixCombinations(matrix);
  return combinations ? JSON.stringify(combinations.map(({ combination }) => [...combination])) : `${matrix.origin.file}:${matrix.origin.start}`;
};

type Needs = { readonly needs: readonly Need[]; readonly blank: readonly ANode[]; readonly list: ANode | undefined };

/** Read four times a check (needs, dependencies, cycles, new stages), and kept across edits with the job's effective map. */
const needsKept = new WeakMap<AMap, Needs>();

export function needsOf(job: AMap): Needs {
  let kept = needsKept.get(job);
  if (!kept) needsKept.set(job, (kept = readNeeds(job)));
  return kept;
}

function readNeeds(job: AMap): Needs {
  const list = valueOf(job, 'needs');
  const needs: Need[] = [];
  const blank: ANode[] = [];
  if (list?.kind !== 'seq') return { needs, blank, list };
  for (const item of list.items) {
    if (item.kind === 'scalar') {
      const name = scalarText(item);
      if (!name) blank.push(item);
      else needs.push({ name, node: item, optional: false });
      continue;
    }
    // Needs on another pipeline or project are not jobs of this configuration.
    if (item.kind !== 'map' || valueOf(item, 'pipeline') || valueOf(item, 'project')) continue;
    const target = valueOf(item, 'job');
    const name = scalarText(target);
    if (!name) blank.push(item);
    else
      needs.push({
        name,
        node: target as ANode,
        optional: valueOf(item, 'optional')?.kind === 'scalar' && scalarText(valueOf(item, 'optional')) === 'true',
        legs: matrixText(valueOf(valueOf(item, 'parallel'), 'matrix')),
      });
  }
  return { needs, blank, list };
}

export function checkGitLabConfig(merged: MergedGitLabConfig, options: GitLabCheckOptions = {}): GitLabFinding[] {
  const out: GitLabFinding[] = [];
  const root = merged.root;
  if (!root) return out;
  const open = merged.undecided || options.fragment === true;
  const jobs = merged.jobs.filter((job) => !job.hidden);
  const byName = jobLookup(jobs);
  const visibleByName = new Map(jobs.map((job) => [job.name, job]));
  const stages = pipelineStages(root);
  const declaredStages = valueOf(root, 'stages');
  if (declaredStages?.kind === 'map' || (declaredStages?.kind === 'scalar' && !declaredStages.unknown && declaredStages.value !== null))
    out.push({ rule: 'gitlab-stages', severity: 'error', message: 'stages config should be an array of strings', ...at(declaredStages) });
  // Another file may declare the stages: positions are only compared when this configuration declares them.
  const stagesKnown = !open || valueOf(root, 'stages') !== undefined || valueOf(root, 'types') !== undefined;
  const visibleNames = jobs.map((job) => job.name);
  const stageOf = (job: GitLabJob): string | undefined => {
    const stage = valueOf(job.effective, 'stage');
    if (!stage) return 'test';
    return stage.kind === 'scalar' && !stage.unknown ? scalarText(stage) : undefined;
  };
  // Read for each job and again for each job that needs it: looked up once.
  const stageIndices = new Map<GitLabJob, number | undefined>();
  const stageIndex = (job: GitLabJob): number | undefined => {
    if (!stagesKnown) return undefined;
    if (stageIndices.has(job)) return stageIndices.get(job);
    const stage = stageOf(job);
    const index = stage === undefined ? -1 : stages.indexOf(stage);
    stageIndices.set(job, index < 0 ? undefined : index);
    return index < 0 ? undefined : index;
  };

  /** Adding a stage no `stages:` declares, where the jobs that need its jobs, and those they need, put it. */
  const stageFixesMade = new Map<string, LocatedFix[]>();
  const stageFixes = (stage: string): LocatedFix[] => {
    const made = stageFixesMade.get(stage);
    if (made) return made;
    const fixes = newStageFixes(stage);
    stageFixesMade.set(stage, fixes);
    return fixes;
  };
  const newStageFixes = (stage: string): LocatedFix[] => {
    const inStage = jobs.filter((job) => stageOf(job) === stage);
    const names = new Set(inStage.map((job) => job.name));
    const stagesOf = (targets: readonly string[]): string[] =>
      targets.flatMap((target) => {
        const found = byName.get(target);
        const name = found && stageOf(found);
        return name === undefined || name === stage ? [] : [name];
      });
    const needed = stagesOf(inStage.flatMap(predecessorsOf));
    const neededBy = stagesOf(jobs.filter((job) => predecessorsOf(job).some((target) => names.has(target))).map((job) => job.name));
    const textOf = (file: string): string | undefined => merged.parsed.get(file)?.text;
    const declared = valueOf(root, 'stages') ?? valueOf(root, 'types');
    if (declared?.kind === 'seq') {
      const written = textsOf(declared).map((item) => item.text);
      const fix = addToStagesFix(declared, stage, stageInsertIndex(written, stage, needed, neededBy), textOf);
      return fix ? [fix] : [];
    }
    if (declared || !merged.files[0]) return [];
    const listed = [...DEFAULT_STAGES];
    listed.splice(stageInsertIndex(listed, stage, needed, neededBy), 0, stage);
    const fix = newStagesFix(merged.files[0], root, listed, stage, textOf);
    return fix ? [fix] : [];
  };

  // Global keywords used as job names.
  for (const entry of root.entries)
    if (GLOBAL_KEYWORDS.has(keyText(entry)) && entry.value.kind === 'map' && entryOf(entry.value, 'script') && keyText(entry) !== 'default')
      out.push({
        rule: 'gitlab-job',
        severity: 'error',
        message: `${keyText(entry)} is a reserved keyword and cannot be used as a job name`,
        ...at(entry.key),
      });

  checkVariables('variables', valueOf(root, 'variables'), TOP_LEVEL_VARIABLE_DATA, out);
  checkDefault(valueOf(root, 'default'), out);
  const workflow = valueOf(root, 'workflow');
  checkWorkflowKeys(workflow, out);
  const workflowRules = valueOf(workflow, 'rules');
  if (workflowRules)
    for (const rule of checkRulesList('workflow:rules', workflowRules, out)) {
      checkRuleKeys('workflow:rules:rule', rule, true, out);
      const ruleWhen = valueOf(rule, 'when');
      const text = scalarText(ruleWhen);
      if (ruleWhen?.kind === 'scalar' && !ruleWhen.unknown && text !== undefined && !WORKFLOW_RULE_WHEN.includes(text))
        out.push({ rule: 'gitlab-rules', severity: 'error', message: `workflow:rules:rule when unknown value: ${text}`, ...at(ruleWhen) });
    }

  if (jobs.length === 0 && !open)
    out.push({ rule: 'gitlab-job', severity: 'error', message: 'jobs config should contain at least one visible job', ...at(root) });

  // Which global keywords the root has: the rename fixes offered for a job named like one depend on it.
  const globalsPresent = [...GLOBAL_KEYWORDS].filter((keyword) => entryOf(root, keyword)).join(' ');
  for (const job of jobs) {
    const name = job.name;
    const effective = job.effective;
    // A root key GitLab took for a job may be a misspelt global keyword (fixes made only for a finding).
    const globalFixes = () => withFixes(globalKeyFixes(job.key, root));
    if (!effective) {
      out.push({ rule: 'gitlab-job', severity: 'error', message: `jobs:${name} config should be a hash`, ...at(job.key), ...globalFixes() });
      continue;
    }
    out.push(...ownJobFindings(job, effective, open, root, globalsPresent));

    const stage = valueOf(effective, 'stage');
    const stageName = stageOf(job);
    if (!open && stageName !== undefined && !stages.includes(stageName) && !stageName.includes('$'))
      out.push({
        rule: 'gitlab-stages',
        severity: 'error',
        message: `${name} job: chosen stage ${stageName} does not exist; available stages are ${stages.join(', ')}`,
        ...at(stage ?? job.key),
        ...withFixes([...(stage ? renameFixes(stage, stages.slice(1, -1)) : []), ...stageFixes(stageName)]),
      });

    checkNeeds(job, byName, stageIndex, open, out, visibleNames);
    checkMatrixNeeds(job, visibleByName, out);
    checkDependencies(job, byName, stageIndex, open, out, visibleNames);
    checkEnvironment(job, byName, open, out);
  }
  needCycles(jobs, out);
  return withIncludeLines(out, merged);
}

const withFixes = (fixes: readonly LocatedFix[]): { fixes?: readonly LocatedFix[] } => (fixes.length ? { fixes } : {});

/**
 * A job's findings that depend on the job alone (its keys, `when`, `rules`, variables), kept by its
 * effective map: after an edit most jobs are the same objects (parse-cache.ts, references.ts, jobs.ts),
 * so their rules' expressions are not parsed again.
 */
const ownFindingsKept = new WeakMap<
  AMap,
  { readonly name: string; readonly key: ANode; readonly open: boolean; readonly globals: string; readonly found: readonly GitLabFinding[] }
>();

function ownJobFindings(job: GitLabJob, effective: AMap, open: boolean, root: AMap, globals: string): readonly GitLabFinding[] {
  const kept = ownFindingsKept.get(effective);
  if (kept && kept.name === job.name && kept.key === job.key && kept.open === open && kept.globals === globals) return kept.found;
  const found: GitLabFinding[] = [];
  const name = job.name;
  const globalFixes = () => withFixes(globalKeyFixes(job.key, root));
  const jobKeywords = (): string[] => {
    const ownKeys = new Set(effective.entries.map(keyText));
    return [...JOB_KEYWORDS].filter((keyword) => !ownKeys.has(keyword));
  };
  for (const entry of effective.entries)
    if (!JOB_KEYWORDS.has(keyText(entry)))
      found.push({
        rule: 'gitlab-job',
        severity: 'error',
        message: `jobs:${name} config contains unknown keys: ${keyText(entry)}`,
        ...at(entry.key),
        ...withFixes(renameFixes(entry.key, jobKeywords())),
      });
  if (!open && !['script', 'run', 'trigger'].some((key) => entryOf(effective, key)))
    found.push({
      rule: 'gitlab-job',
      severity: 'error',
      message: `jobs ${name} config should implement the script:, run:, or trigger: keyword`,
      ...at(job.key),
      ...globalFixes(),
    });

  const when = valueOf(effective, 'when');
  const whenText = scalarText(when);
  if (when && whenText !== undefined && when.kind === 'scalar' && !when.unknown && !JOB_WHEN.includes(whenText))
    found.push({ rule: 'gitlab-rules', severity: 'error', message: `jobs:${name} when should be one of: ${JOB_WHEN.join(', ')}`, ...at(when) });

  const rules = entryOf(effective, 'rules');
  if (rules) {
    for (const keyword of ['only', 'except']) {
      const mixed = entryOf(effective, keyword);
      if (mixed)
        found.push({
          rule: 'gitlab-rules',
          severity: 'error',
          message: `jobs:${name} config key may not be used with \`rules\`: ${keyword}`,
          ...at(mixed.key),
        });
    }
    for (const rule of checkRulesList(`jobs:${name}:rules`, rules.value, found)) {
      checkRuleKeys(`jobs:${name}:rules:rule`, rule, false, found);
      const ruleWhen = valueOf(rule, 'when');
      const text = scalarText(ruleWhen);
      if (ruleWhen?.kind === 'scalar' && !ruleWhen.unknown && text !== undefined && !RULE_WHEN.includes(text))
        found.push({ rule: 'gitlab-rules', severity: 'error', message: `jobs:${name}:rules:rule when unknown value: ${text}`, ...at(ruleWhen) });
    }
  }

  // The job's own keys (after extends): what `default:` gives it is told once, at default:.
  checkShapes(`jobs:${name}`, job.node, found);
  checkJobShapes(`jobs:${name}`, job.node, found);
  checkJobEntries(`jobs:${name}`, job.node, found, { text: name, key: job.key }, open);
  checkVariables(`jobs:${name}:variables`, valueOf(job.node, 'variables'), JOB_VARIABLE_DATA, found);
  for (const keyword of ['only', 'except']) checkPolicyVariables(`jobs:${name}:${keyword}`, valueOf(effective, keyword), found);
  ownFindingsKept.set(effective, { name, key: job.key, open, globals, found });
  return found;
}

/** The jobs a job waits for by name: its `needs` and `dependencies`. */
function predecessorsOf(job: GitLabJob): string[] {
  if (!job.effective) return [];
  return [...needsOf(job.effective).needs.map((need) => need.name), ...textsOf(valueOf(job.effective, 'dependencies')).map((item) => item.text)];
}

/**
 * Jobs by the names `needs` and `dependencies` may use: the name itself, and the names `parallel`
 * gives its copies (`job 1/3`, and `job: [a, b]` for a matrix leg).
 */
interface JobLookup {
  get(name: string): GitLabJob | undefined;
}

function jobLookup(jobs: readonly GitLabJob[]): JobLookup {
  const byName = new Map(jobs.map((job) => [job.name, job]));
  return {
    get: (name: string) => {
      const found = byName.get(name);
      if (found) return found;
      const copy = /^(.+?)(?: \d+\/\d+|: \[.*\])$/.exec(name);
      const base = copy ? byName.get(copy[1] as string) : undefined;
      return base && valueOf(base.effective, 'parallel') ? base : undefined;
    },
  };
}

function checkNeeds(
  job: GitLabJob,
  byName: JobLookup,
  stageIndex: (job: GitLabJob) => number | undefined,
  open: boolean,
  out: GitLabFinding[],
  jobNames: readonly string[],
): void {
  const effective = job.effective as AMap;
  const { needs, blank, list } = needsOf(effective);
  const name = job.name;
  for (const node of blank) out.push({ rule: 'gitlab-needs', severity: 'error', message: `jobs:${name}:needs config can't be blank`, ...at(node) });
  if (list?.kind === 'seq' && list.items.length > MAX_NEEDS)
    out.push({
      rule: 'gitlab-needs',
      severity: 'error',
      message: `${name} job: one job can only need ${MAX_NEEDS} others, but you have listed ${list.items.length}. See needs keyword documentation for more details`,
      ...at(list),
    });
  const seen = new Set<string>();
  for (const need of needs) {
    const copies = `${need.name}\0${need.legs ?? ''}`;
    if (seen.has(copies))
      out.push({ rule: 'gitlab-needs', severity: 'error', message: `${name} has duplicate entries in the needs section.`, ...at(need.node) });
    seen.add(copies);
    const target = byName.get(need.name);
    if (!target) {
      if (!open && !need.optional && !need.name.includes('$'))
        out.push({
          rule: 'gitlab-needs',
          severity: 'error',
          message: `${name} job: undefined need: ${need.name}`,
          ...at(need.node),
          ...withFixes(
            renameFixes(
              need.node,
              jobNames.filter((candidate) => candidate !== name),
            ),
          ),
        });
      continue;
    }
    const mine = stageIndex(job);
    const theirs = stageIndex(target);
    if (mine !== undefined && theirs !== undefined && theirs > mine)
      out.push({
        rule: 'gitlab-needs',
        severity: 'error',
        message: `${name} job: need ${need.name} is not defined in current or prior stages`,
        ...at(need.node),
      });
  }
}

function checkDependencies(
  job: GitLabJob,
  byName: JobLookup,
  stageIndex: (job: GitLabJob) => number | undefined,
  open: boolean,
  out: GitLabFinding[],
  jobNames: readonly string[],
): void {
  const effective = job.effective as AMap;
  const dependencies = textsOf(valueOf(effective, 'dependencies'));
  if (!dependencies.length) return;
  const needs = needsOf(effective);
  // GitLab compares with `needs` only when some are listed (`needs: []` leaves dependencies alone).
  const needed = needs.needs.length ? new Set(needs.needs.map((need) => need.name)) : undefined;
  const missing = needed ? dependencies.filter((dependency) => !needed.has(dependency.text)) : [];
  if (missing.length)
    out.push({
      rule: 'gitlab-needs',
      severity: 'error',
      message: `jobs:${job.name} dependencies the ${missing.map((d) => d.text).join(', ')} should be part of needs`,
      ...at(missing[0]!.node),
    });
  for (const dependency of dependencies) {
    const target = byName.get(dependency.text);
    if (!target) {
      if (!open && !dependency.text.includes('$'))
        out.push({
          rule: 'gitlab-needs',
          severity: 'error',
          message: `${job.name} job: undefined dependency: ${dependency.text}`,
          ...at(dependency.node),
          ...withFixes(
            renameFixes(
              dependency.node,
              jobNames.filter((candidate) => candidate !== job.name),
            ),
          ),
        });
      continue;
    }
    const mine = stageIndex(job);
    const theirs = stageIndex(target);
    if (mine !== undefined && theirs !== undefined && theirs > mine)
      out.push({
        rule: 'gitlab-needs',
        severity: 'error',
        message: `${job.name} job: dependency ${dependency.text} is not defined in current or prior stages`,
        ...at(dependency.node),
      });
  }
}

const environmentOf = (node: ANode | undefined): { name?: string; action?: string; onStop?: ANode } => {
  if (node?.kind === 'scalar') return { ...(scalarText(node) !== undefined ? { name: scalarText(node) as string } : {}) };
  const name = scalarText(valueOf(node, 'name'));
  const action = scalarText(valueOf(node, 'action'));
  const onStop = valueOf(node, 'on_stop');
  return { ...(name !== undefined ? { name } : {}), ...(action !== undefined ? { action } : {}), ...(onStop ? { onStop } : {}) };
};

function checkEnvironment(job: GitLabJob, byName: JobLookup, open: boolean, out: GitLabFinding[]): void {
  const environment = environmentOf(valueOf(job.effective, 'environment'));
  const stopName = scalarText(environment.onStop);
  if (!environment.onStop || stopName === undefined || stopName.includes('$')) return;
  const say = (message: string): void => {
    out.push({
      rule: 'gitlab-environment',
      severity: 'error',
      message: `${job.name} job: on_stop job ${stopName} ${message}`,
      ...at(environment.onStop as ANode),
    });
  };
  const target = byName.get(stopName);
  if (!target) {
    if (!open) say('is not defined');
    return;
  }
  const theirs = environmentOf(valueOf(target.effective, 'environment'));
  if (theirs.name === undefined) say('does not have environment defined');
  else if (theirs.name !== environment.name) say('have different environment name');
  else if (theirs.action !== 'stop') say('needs to have action stop defined');
}

/** `needs` cycles (only possible within a stage): one report per cycle, at the need that closes it. */
function needCycles(jobs: readonly GitLabJob[], out: GitLabFinding[]): void {
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (job: GitLabJob): void => {
    state.set(job.name, 'visiting');
    for (const need of job.effective ? needsOf(job.effective).needs : []) {
      const target = byName.get(need.name);
      if (!target) continue;
      const seen = state.get(target.name);
      if (seen === 'visiting') out.push({ rule: 'gitlab-needs', severity: 'error', message: 'The pipeline has circular dependencies', ...at(need.node) });
      else if (!seen) visit(target);
    }
    state.set(job.name, 'done');
  };
  for (const job of jobs) if (!state.has(job.name)) visit(job);
}
