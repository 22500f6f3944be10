// What a pipeline file's row says, without `vscode` (unit-tested): the tree maps it to a TreeItem.
import type { Finding } from '../../core/pipelines/finding';
import { PIPELINE_KIND_LABELS, type PipelineKind } from '../../core/pipelines/pipeline-kind';
import type { Rule } from '../../core/pipelines/rule';
import { ALL_RULES } from '../../core/pipelines/rules-registry';
import { notCheckedReason } from '../../core/pipelines/validators';
import type { AzureOutline } from '../../core/pipelines/azure/pipeline-outline';
import { AZURE_ROLE_LABELS } from '../../core/pipelines/azure/roles';
import type { GitLabOutline, GitLabOutlineJob } from '../../core/pipelines/gitlab/pipeline-outline';

export interface PipelineFileLook {
  /** `not-checked`: a kind without a validator (neutral, never a pass); `pending`: no result yet. */
  readonly icon: 'error' | 'warning' | 'pass' | 'not-checked' | 'pending';
  readonly description: string;
  readonly tooltip: string;
}

export interface PipelineFileState {
  readonly relativePath: string;
  readonly kind: PipelineKind;
  /** The validation store's findings; undefined before its first result. */
  readonly findings: readonly Finding[] | undefined;
  /** The outline's problem: the workflow cannot be read. */
  readonly problem: string | undefined;
  /** Azure files: what the expansion gave (role, counts, a problem that stopped it). */
  readonly azure?: Pick<AzureOutline, 'role' | 'counts' | 'problem'> | undefined;
  /** GitLab files: what the merge gave (counts, the including file, a problem that stopped it). */
  readonly gitlab?: Pick<GitLabOutline, 'counts' | 'includedBy' | 'problem'> | undefined;
}

const plural = (count: number, word: string) => (count ? `${count} ${word}${count > 1 ? 's' : ''}` : '');

/** `rules`: the registry whose kinds are checked (a kind without rules is listed as not checked). */
export function pipelineFileLook(
  { relativePath, kind, findings, problem, azure, gitlab }: PipelineFileState,
  rules: readonly Rule[] = ALL_RULES,
): PipelineFileLook {
  const label = PIPELINE_KIND_LABELS[kind];
  const notChecked = notCheckedReason(kind, rules);
  if (notChecked) return { icon: 'not-checked', description: 'not checked yet', tooltip: `${label}: ${relativePath}\n${notChecked}` };
  if (problem) return { icon: 'error', description: 'cannot be read', tooltip: `${relativePath}: ${problem}` };
  // Whatever the findings say, a file whose templates could not be expanded was not fully checked.
  if (azure?.problem) return { icon: 'error', description: 'cannot be expanded', tooltip: `${relativePath}: ${azure.problem}` };
  if (gitlab?.problem) return { icon: 'error', description: 'cannot be merged', tooltip: `${relativePath}: ${gitlab.problem}` };
  if (!findings) return { icon: 'pending', description: 'checking…', tooltip: `${label}: ${relativePath}` };
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  const counts = [plural(errors, 'error'), plural(warnings, 'warning')].filter(Boolean).join(', ');
  const icon = errors ? 'error' : warnings ? 'warning' : 'pass';
  if (azure) {
    const role = azure.role === 'pipeline' ? undefined : AZURE_ROLE_LABELS[azure.role];
    const holds = [plural(azure.counts.stages, 'stage'), plural(azure.counts.jobs, 'job'), plural(azure.counts.steps, 'step')]
      .filter(Boolean)
      // A steps template's one implied job is no news.
      .filter((part) => !(role && azure.counts.stages === 0 && azure.counts.jobs === 1 && part === '1 job'))
      .join(', ');
    const description = [counts, [role, holds].filter(Boolean).join(' · ')].filter(Boolean).join(' · ');
    return { icon, description: description || label, tooltip: `${label}${role ? ` (${role})` : ''}: ${relativePath}${holds ? `\n${holds}` : ''}` };
  }
  if (gitlab) {
    const including = gitlab.includedBy ? `included by ${gitlab.includedBy}` : undefined;
    const holds = [plural(gitlab.counts.stages, 'stage'), plural(gitlab.counts.jobs, 'job')].filter(Boolean).join(', ');
    const description = [counts, [including, holds].filter(Boolean).join(' · ')].filter(Boolean).join(' · ');
    return { icon, description: description || label, tooltip: `${label}${including ? ` (${including})` : ''}: ${relativePath}${holds ? `\n${holds}` : ''}` };
  }
  return { icon, description: counts || label, tooltip: `${label}: ${relativePath}` };
}

/** A stage's or job's row: its display name, how many jobs or steps it holds, what it waits for. */
export function azureNodeDescription(node: {
  readonly displayName: string | undefined;
  readonly dependsOn: readonly string[];
  readonly count: number;
  readonly of: 'job' | 'step';
}): string {
  return [node.displayName, plural(node.count, node.of) || `no ${node.of}s`, node.dependsOn.length ? `after ${node.dependsOn.join(', ')}` : undefined]
    .filter(Boolean)
    .join(' · ');
}

/** A GitLab stage's row: how many jobs it holds, and whether `stages:` lacks it. */
export function gitLabStageDescription(stage: { readonly declared: boolean; readonly jobs: readonly unknown[] }): string {
  return [plural(stage.jobs.length, 'job') || 'no jobs', stage.declared ? undefined : 'not in stages:'].filter(Boolean).join(' · ');
}

/** A GitLab job's row: what it needs (`needs: []` starts it at once), what it triggers. */
export function gitLabJobDescription(job: Pick<GitLabOutlineJob, 'needs' | 'trigger'>): string {
  const needs = job.needs === undefined ? undefined : job.needs.length ? `needs ${job.needs.join(', ')}` : 'needs nothing: starts at once';
  return [needs, job.trigger ? `triggers ${job.trigger}` : undefined].filter(Boolean).join(' · ');
}
