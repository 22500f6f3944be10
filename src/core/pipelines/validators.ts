import { PIPELINE_KIND_LABELS, type PipelineKind } from './pipeline-kind';
import type { Rule } from './rule';
import { ALL_RULES } from './rules-registry';

/**
 * Which pipeline kinds Shipshape checks: the ones the rule registry has rules for. The one
 * capability table the editor reads: when Azure Pipelines or GitLab CI rules land in the
 * registry, their files are validated and shown with counts, with nothing else to change.
 */
export function hasValidator(kind: PipelineKind, rules: readonly Rule[] = ALL_RULES): boolean {
  return rules.some((rule) => rule.kinds.includes(kind));
}

/** Why a file of this kind is listed but not checked, or undefined when it is checked. */
export function notCheckedReason(kind: PipelineKind, rules: readonly Rule[] = ALL_RULES): string | undefined {
  return hasValidator(kind, rules)
    ? undefined
    : `${PIPELINE_KIND_LABELS[kind]} validation is not available yet: Shipshape lists this file but does not check it.`;
}
