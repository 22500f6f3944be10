// What a pipeline file's row says, without `vscode` (unit-tested): the tree maps it to a TreeItem.
import type { Finding } from '../../core/pipelines/finding';
import { PIPELINE_KIND_LABELS, type PipelineKind } from '../../core/pipelines/pipeline-kind';
import type { Rule } from '../../core/pipelines/rule';
import { ALL_RULES } from '../../core/pipelines/rules-registry';
import { notCheckedReason } from '../../core/pipelines/validators';

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
}

const plural = (count: number, word: string) => (count ? `${count} ${word}${count > 1 ? 's' : ''}` : '');

/** `rules`: the registry whose kinds are checked (a kind without rules is listed as not checked). */
export function pipelineFileLook({ relativePath, kind, findings, problem }: PipelineFileState, rules: readonly Rule[] = ALL_RULES): PipelineFileLook {
  const label = PIPELINE_KIND_LABELS[kind];
  const notChecked = notCheckedReason(kind, rules);
  if (notChecked) return { icon: 'not-checked', description: 'not checked yet', tooltip: `${label}: ${relativePath}\n${notChecked}` };
  if (problem) return { icon: 'error', description: 'cannot be read', tooltip: `${relativePath}: ${problem}` };
  if (!findings) return { icon: 'pending', description: 'checking…', tooltip: `${label}: ${relativePath}` };
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  const counts = [plural(errors, 'error'), plural(warnings, 'warning')].filter(Boolean).join(', ');
  return { icon: errors ? 'error' : warnings ? 'warning' : 'pass', description: counts || label, tooltip: `${label}: ${relativePath}` };
}
