import { fixCommands } from '../../core/recovery/display';
import type { Evidence, FixPlan, Situation } from '../../core/recovery/model';
import type { RepoSummary } from '../../core/recovery/repo-summary';
import { refPicture } from '../../core/recovery/ref-picture';
import type { EvidenceView, FixView, RepositoryView, SituationView } from '../../protocol/wizard';

/** Core plans as the webview's plain data: words and display commands only. */
export function fixView(fix: FixPlan, head: HeadNow = NO_HEAD): FixView {
  return {
    id: fix.id,
    title: fix.title,
    effect: fix.effect,
    commands: fixCommands(fix),
    risks: fix.risks,
    rewritesHistory: fix.rewritesHistory,
    refusal: fix.refusal,
    picture: refPicture(fix, head),
  };
}

/** Where the current branch points now, for the before/after picture. */
export interface HeadNow {
  readonly branch: string | undefined;
  readonly sha: string | undefined;
}

const NO_HEAD: HeadNow = { branch: undefined, sha: undefined };

export function headNow(summary: RepoSummary | undefined): HeadNow {
  return summary ? { branch: summary.branch, sha: summary.head?.sha } : NO_HEAD;
}

export function situationView(situation: Situation, head: HeadNow = NO_HEAD): SituationView {
  return {
    id: situation.id,
    kind: situation.kind,
    title: situation.title,
    explanation: situation.explanation,
    evidence: situation.evidence.map(evidenceView),
    fixes: situation.fixes.map((fix) => fixView(fix, head)),
  };
}

/** Evidence as words plus the commit it is about; a file's sha is a blob's, not a commit to link to. */
export function evidenceView(item: Evidence): EvidenceView {
  return item.sha && item.kind !== 'file' ? { text: item.label, sha: item.sha } : { text: item.label };
}

export function repositoryView(summary: RepoSummary): RepositoryView {
  return { path: summary.root, branch: summary.branch, upstream: summary.upstream, ahead: summary.ahead, behind: summary.behind };
}

/** Fixes that move a branch or touch the index or files get a confirmation first. */
export function needsConfirmation(fix: FixPlan): boolean {
  return (
    fix.rewritesHistory ||
    fix.changesIndex ||
    fix.changesFiles ||
    fix.steps.some((step) => ['reset', 'rebase', 'commit', 'revert', 'cherry-pick', 'merge'].includes(step.args[0] ?? ''))
  );
}
