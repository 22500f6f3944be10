/**
 * What the Pipelines view shows of a GitLab CI file: stages -> jobs of its merged configuration
 * (includes, `extends`, `!reference` and `default:` resolved; hidden jobs left out), each job at
 * the line a person wrote it, in the file it is written in. A file another one includes shows the
 * jobs it brings into that configuration. Plain data (it crosses from the validation worker).
 * Pure over a merge.
 */
import { relative } from 'node:path';
import type { OutlinePlace } from '../azure/pipeline-outline';
import { isIn, positionIn } from '../located-findings';
import { scalarText, valueOf, type ANode } from '../yaml/located-tree';
import { needsOf, pipelineStages } from './checks';
import type { GitLabJob } from './jobs';
import type { MergedGitLabConfig } from './merge';

export interface GitLabOutlineJob {
  readonly name: string;
  /** The jobs it needs; undefined without `needs:`, empty for `needs: []` (it starts at once). */
  readonly needs: readonly string[] | undefined;
  /** Set for a trigger job: the project it triggers, or `child pipeline`. */
  readonly trigger: string | undefined;
  readonly place: OutlinePlace;
}

export interface GitLabOutlineStage {
  readonly name: string;
  /** False for a stage a job names that `stages:` (or GitLab's defaults) lacks. */
  readonly declared: boolean;
  readonly jobs: readonly GitLabOutlineJob[];
}

export interface GitLabOutline {
  readonly stages: readonly GitLabOutlineStage[];
  readonly counts: { readonly stages: number; readonly jobs: number };
  /** The configuration that includes this file (relative to the root, forward slashes); its jobs are shown as merged there. */
  readonly includedBy: string | undefined;
  /** Set when the configuration could not be merged (YAML GitLab refuses, an include missing or looping): what is shown may be partial. */
  readonly problem: string | undefined;
}

/** Merge problems that leave the configuration unknown, not just wrong somewhere. */
const BREAKS_MERGE = new Set(['gitlab-yaml', 'gitlab-include']);

const stageOf = (job: GitLabJob): string => {
  const stage = valueOf(job.effective, 'stage');
  return scalarText(stage) ?? 'test';
};

function triggerOf(trigger: ANode | undefined): string | undefined {
  if (!trigger) return undefined;
  const project = scalarText(trigger) ?? scalarText(valueOf(trigger, 'project'));
  return project ?? 'child pipeline';
}

/**
 * `file`: the file shown; when it is not the merge's entry, it was included, and only the jobs
 * written in it are shown (under the stages of the configuration that includes it).
 */
export function outlineGitLab(merged: MergedGitLabConfig, file: string, root: string): GitLabOutline {
  const entry = merged.files[0];
  const included = entry !== undefined && !isIn({ file: entry, start: 0, end: 0 }, file);
  const texts = new Map<string, string | undefined>();
  const placeOf = (origin: { file: string; start: number }): OutlinePlace => {
    if (!texts.has(origin.file)) texts.set(origin.file, merged.parsed.get(origin.file)?.text);
    const text = texts.get(origin.file);
    return { file: origin.file, line: text === undefined ? 0 : positionIn(text, origin.start).line - 1 };
  };
  const jobs = merged.jobs.filter((job) => !job.hidden && job.node.kind === 'map' && (!included || isIn(job.key.origin, file)));
  const byStage = new Map<string, GitLabOutlineJob[]>();
  for (const job of jobs) {
    const effective = job.effective;
    const needs = effective ? needsOf(effective) : undefined;
    const stage = stageOf(job);
    const list = byStage.get(stage) ?? [];
    list.push({
      name: job.name,
      needs: needs?.list?.kind === 'seq' ? needs.needs.map((need) => need.name) : undefined,
      trigger: triggerOf(valueOf(effective, 'trigger')),
      place: placeOf(job.key.origin),
    });
    byStage.set(stage, list);
  }
  // Stages in pipeline order; `.pre`, `.post` and GitLab's default stages only when a job is in them.
  const rootMap = merged.root;
  const written = valueOf(rootMap, 'stages') ?? valueOf(rootMap, 'types');
  const order = pipelineStages(rootMap);
  // A fragment checked alone may get its stages from the configuration that includes it.
  const known = !merged.undecided || written !== undefined;
  const shownEmpty = (name: string): boolean => !included && written !== undefined && name !== '.pre' && name !== '.post';
  const stages: GitLabOutlineStage[] = order
    .filter((name) => byStage.has(name) || shownEmpty(name))
    .map((name) => ({ name, declared: true, jobs: byStage.get(name) ?? [] }));
  for (const [name, stageJobs] of byStage) if (!order.includes(name)) stages.push({ name, declared: !known, jobs: stageJobs });
  const problem = merged.problems.find(
    (found) =>
      found.severity === 'error' && BREAKS_MERGE.has(found.rule) && (!included || isIn(found.origin, file) || found.via?.some((via) => isIn(via, file))),
  );
  return {
    stages,
    counts: { stages: stages.length, jobs: jobs.length },
    includedBy: included ? relative(root, entry).split('\\').join('/') : undefined,
    problem: problem?.message,
  };
}
