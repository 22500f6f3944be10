import { displayCommand } from '../../core/recovery/display';
import type { FixPlan, Situation } from '../../core/recovery/model';
import type { RepoSummary } from '../../core/recovery/repo-summary';
import type { FixView, RepositoryView, SituationView } from '../../protocol/wizard';

/** Core plans as the webview's plain data: words and display commands only. */
export function fixView(fix: FixPlan): FixView {
  return { id: fix.id, title: fix.title, effect: fix.effect, commands: fix.steps.map(displayCommand), risks: fix.risks, rewritesHistory: fix.rewritesHistory, refusal: fix.refusal };
}

export function situationView(situation: Situation): SituationView {
  return {
    id: situation.id,
    kind: situation.kind,
    title: situation.title,
    explanation: situation.explanation,
    evidence: situation.evidence.map((item) => (item.sha ? `${item.label} (${item.sha.slice(0, 7)})` : item.label)),
    fixes: situation.fixes.map(fixView),
  };
}

export function repositoryView(summary: RepoSummary): RepositoryView {
  return { path: summary.root, branch: summary.branch, upstream: summary.upstream, ahead: summary.ahead, behind: summary.behind };
}

/** Fixes that move a branch or touch the index or files get a confirmation first. */
export function needsConfirmation(fix: FixPlan): boolean {
  return fix.rewritesHistory || fix.changesIndex || fix.changesFiles || fix.steps.some((step) => ['reset', 'rebase', 'commit', 'revert', 'cherry-pick', 'merge'].includes(step.args[0] ?? ''));
}
