import { join } from 'node:path';
import { validatePipeline } from '../pipelines/validate';
import { planWorkflow } from '../runs/plan';
import { runValidation } from '../runs/validation-problems';
import type { RunSubject } from '../runs/github-context';
import { readWorkflow } from '../runs/workflow-model';
import { azureCiTrigger } from '../pipelines/azure/ci-trigger';
import { azureRole } from '../pipelines/azure/roles';
import { parseTemplateFile } from '../pipelines/azure/templates/tree';
import { scalarText, valueOf, type ANode } from '../pipelines/yaml/located-tree';
import { mergeGitLabConfig } from '../pipelines/gitlab/merge';
import { forecastGitLabPush } from '../pipelines/gitlab/push-forecast';
import { listYamlFiles } from '../pipelines/gitlab/repository-files';
import { readReachedFileSync } from '../pipelines/read-pipeline-file';
import type { PipelineForecast, PreflightFacts, PreflightFinding } from './types';

/** Validation errors of the pipeline files the push changes (block) or the working tree changes (warn). Pure but for `validatePipeline`'s reads of referenced local files. */
export function pipelineFindings(facts: PreflightFacts): PreflightFinding[] {
  return facts.pipelines.flatMap((pipeline) =>
    validatePipeline({ path: join(facts.root, pipeline.file), text: pipeline.text, root: facts.root })
      .findings.filter((finding) => finding.severity === 'error')
      .map((finding): PreflightFinding => ({
        kind: 'pipeline-error',
        severity: pipeline.pushed ? 'block' : 'warn',
        message: `${pipeline.file}:${finding.range.start.line}: ${finding.message} [${finding.rule}]${pipeline.pushed ? '' : ' (in the working tree, not committed)'}`,
        action: `Fix it at ${pipeline.file}:${finding.range.start.line} ("shipshape lint ${pipeline.file}" lists every problem).`,
        file: pipeline.file,
        line: finding.range.start.line,
      })),
  );
}

/** The paths the pushed commits change, sorted: what GitHub's `paths` filters see for this push. */
export function changedPaths(facts: PreflightFacts): string[] {
  return [...new Set(facts.commits.flatMap((commit) => commit.changes.map((change) => change.path)))].sort();
}

/**
 * For each GitHub workflow at the pushed commit: the planner's answer for a
 * push to `branch` changing exactly `changedPaths`, with the reason and the jobs.
 */
export function forecastPipelines(facts: PreflightFacts, branch: string, sha: string): PipelineForecast[] {
  const files = changedPaths(facts);
  const subject: RunSubject = {
    event: { name: 'push', ref: `refs/heads/${branch}`, changedFiles: files },
    sha,
    repository: 'local/repository',
    actor: 'local',
    inputs: {},
    runId: 'preflight',
    runNumber: 1,
  };
  const github = facts.workflows.map(({ file, text }): PipelineForecast => {
    const read = readWorkflow(text);
    if (!read.ok) return { file, kind: 'github-workflow', willRun: false, reason: read.problem, jobs: [] };
    // What GitHub runs all the same (an advisory finding) does not make the forecast "cannot run".
    const validationErrors = runValidation(
      validatePipeline({ path: join(facts.root, file), text, root: facts.root, kind: 'github-workflow' }).findings,
      file,
    ).errors;
    const plan = planWorkflow({ workflowPath: file, workflow: read.workflow, subject, validationErrors });
    const reason = plan.trigger.triggers && plan.problems.length > 0 ? `it cannot run: ${plan.problems[0] ?? ''}` : plan.trigger.reason;
    return {
      file,
      kind: 'github-workflow',
      willRun: plan.willRun,
      reason,
      jobs: plan.jobs.map((job) => ({ id: job.key, willRun: job.willRun, reason: job.reason })),
    };
  });
  return [...github, ...azureForecasts(facts, branch, files), ...gitLabForecast(facts, branch, files)];
}

/**
 * Azure Pipelines files that are pipelines (not templates), by their `trigger:`. Azure DevOps runs a
 * file only when a pipeline there was created from it, and a pipeline's settings can override its
 * triggers: the reason says so. Stages (or jobs) are the ones written in the file.
 */
function azureForecasts(facts: PreflightFacts, branch: string, changed: readonly string[]): PipelineForecast[] {
  return facts.azurePipelines.flatMap(({ file, text }): PipelineForecast[] => {
    const root = parseTemplateFile(join(facts.root, file), text).root;
    if (root?.kind !== 'map' || azureRole(root, false, file) !== 'pipeline') return [];
    const answer = azureCiTrigger(root, branch, changed);
    const willRun = answer.willRun === true;
    const reason = `${answer.willRun === undefined ? 'cannot tell: ' : ''}${answer.reason} (if a pipeline in Azure DevOps uses this file and its settings do not override the trigger)`;
    const jobReason = willRun ? 'runs with the pipeline (its condition is decided by Azure DevOps)' : 'the pipeline does not run';
    return [{ file, kind: 'azure-pipelines', willRun, reason, jobs: writtenUnits(root).map((id) => ({ id, willRun, reason: jobReason })) }];
  });
}

/** The stages, else the jobs, a pipeline file names itself (templates' own are not expanded here). */
function writtenUnits(root: ANode): string[] {
  for (const [list, key] of [
    ['stages', 'stage'],
    ['jobs', 'job'],
    ['jobs', 'deployment'],
  ] as const) {
    const items = valueOf(root, list);
    if (items?.kind !== 'seq') continue;
    const names = items.items.flatMap((item) => {
      const name = scalarText(valueOf(item, key));
      return name === undefined ? [] : [name];
    });
    if (names.length) return names;
  }
  return [];
}

/**
 * The `.gitlab-ci.yml` at the pushed commit, merged (its local includes read from the working tree,
 * which is the pushed commit in a hook and nearly always outside one), then GitLab's rules for a
 * push of this branch. A job GitLab might run or not (a variable set in the project's settings) is
 * "cannot tell" in its reason and counted as not running.
 */
function gitLabForecast(facts: PreflightFacts, branch: string, changed: readonly string[]): PipelineForecast[] {
  const config = facts.gitlabConfig;
  if (!config) return [];
  const path = join(facts.root, config.file);
  const merged = mergeGitLabConfig({
    file: path,
    repositoryRoot: facts.root,
    read: (file) => (file === path ? config.text : readReachedFileSync(file)),
    list: () => listYamlFiles(facts.root),
  });
  const subject = facts.commits[0];
  const forecast = forecastGitLabPush(merged, {
    branch,
    defaultBranch: facts.defaultBranch,
    changedPaths: changed,
    // The subject only: enough for the usual `$CI_COMMIT_MESSAGE =~ /skip/` rules.
    ...(subject ? { commitMessage: subject.subject } : {}),
  });
  const said = (willRun: boolean | undefined, reason: string) =>
    willRun === undefined && !reason.startsWith('cannot tell') ? `cannot tell: ${reason}` : reason;
  return [
    {
      file: config.file,
      kind: 'gitlab-ci',
      willRun: forecast.willRun === true,
      reason: said(forecast.willRun, forecast.reason),
      jobs: forecast.jobs.map((job) => ({ id: job.id, willRun: job.willRun === true, reason: said(job.willRun, job.reason) })),
    },
  ];
}
