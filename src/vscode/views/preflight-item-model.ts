// What the Preflight view and its status bar item show, without `vscode` (unit-tested): the tree and the item map it.
import type { PreflightFinding, PreflightKind, PreflightReport } from '../../core/preflight/types';

/** One pushed commit, as the view lists it. */
export interface PreflightCommit {
  readonly sha: string;
  readonly subject: string;
}

export type PreflightViewState =
  | { readonly status: 'idle' }
  | { readonly status: 'no-repository' }
  | { readonly status: 'error'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly root: string;
      readonly report: PreflightReport;
      readonly commits: readonly PreflightCommit[];
      readonly notes: readonly string[];
      /** The recovery fix that takes a risky commit's files out of it, by commit sha (the wizard's first look finds them). */
      readonly fixes: ReadonlyMap<string, string>;
    };

/** What a row does when clicked. */
export type PreflightRowAction =
  | { readonly kind: 'open'; readonly file: string; readonly line?: number }
  | { readonly kind: 'fix'; readonly fixId: string }
  | { readonly kind: 'commit'; readonly sha: string };

export interface PreflightRow {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  /** A codicon id; `color` tints it with the theme's error or warning colour. */
  readonly icon: string;
  readonly color?: 'error' | 'warning';
  readonly action?: PreflightRowAction;
  readonly children?: readonly PreflightRow[];
}

export type PreflightGroupId = 'commits' | 'content' | 'pipelines' | 'ci' | 'branch';

export interface PreflightGroup {
  readonly id: PreflightGroupId;
  readonly label: string;
  readonly description: string;
  readonly rows: readonly PreflightRow[];
}

/** The status bar item: text with its codicon, and the tooltip listing the findings; hidden without a repository. */
export interface PreflightStatusLook {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  readonly verdict: 'pass' | 'warn' | 'block' | undefined;
}

const CONTENT_KINDS: ReadonlySet<PreflightKind> = new Set(['secret', 'large-file', 'conflict-marker', 'env-file']);
const shortSha = (sha: string) => sha.slice(0, 7);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Which welcome text the empty view shows (a context key): no repository, nothing to push, or the check failed. */
export function preflightEmptyReason(state: PreflightViewState): 'no-repository' | 'nothing-to-push' | 'error' | 'checking' | undefined {
  if (state.status === 'idle') return 'checking';
  if (state.status !== 'ready') return state.status;
  return preflightGroups(state).length ? undefined : 'nothing-to-push';
}

export function preflightStatusLook(state: PreflightViewState): PreflightStatusLook {
  if (state.status === 'no-repository') return { visible: false, text: '', tooltip: '', verdict: undefined };
  if (state.status === 'idle')
    return { visible: true, text: '$(sync~spin) Preflight', tooltip: 'Preflight: checking what a push would send…', verdict: undefined };
  if (state.status === 'error')
    return { visible: true, text: '$(circle-slash) Preflight', tooltip: `Preflight could not check this repository: ${state.message}`, verdict: undefined };
  const { report } = state;
  const blocking = report.findings.filter((finding) => finding.severity === 'block');
  const warnings = report.findings.filter((finding) => finding.severity === 'warn');
  const lines = report.findings
    .filter((finding) => finding.severity !== 'info')
    .map((finding) => `${finding.severity === 'block' ? '✖' : '⚠'} ${finding.message}`);
  const what = report.commits.length ? `${plural(report.commits.length, 'commit')} to push` : 'Nothing to push';
  const tooltip = [`Preflight: ${what}.`, ...lines, ...state.notes, 'Click to open the Preflight view.'].join('\n');
  if (blocking.length) return { visible: true, text: `$(error) Preflight: ${blocking.length} to fix`, tooltip, verdict: 'block' };
  if (warnings.length) return { visible: true, text: `$(warning) Preflight: ${warnings.length} to check`, tooltip, verdict: 'warn' };
  return { visible: true, text: report.commits.length ? '$(pass) Ready to push' : '$(pass) Nothing to push', tooltip, verdict: 'pass' };
}

/** The view's groups, each only when it has rows; none when there is nothing to push and nothing to say. */
export function preflightGroups(state: PreflightViewState): PreflightGroup[] {
  if (state.status !== 'ready') return [];
  const { report, commits, fixes } = state;
  const findings = report.findings;
  const content = findings.filter((finding) => CONTENT_KINDS.has(finding.kind));
  const pipelines = findings.filter((finding) => finding.kind === 'pipeline-error');
  const branch = findings.filter((finding) => !CONTENT_KINDS.has(finding.kind) && finding.kind !== 'pipeline-error');
  const groups: PreflightGroup[] = [];
  if (commits.length)
    groups.push({
      id: 'commits',
      label: 'Commits to push',
      description: String(commits.length),
      rows: commits.map((commit) => ({
        id: `commit:${commit.sha}`,
        label: commit.subject || shortSha(commit.sha),
        description: shortSha(commit.sha),
        tooltip: `${commit.sha}\n${commit.subject}`,
        icon: 'git-commit',
        action: { kind: 'commit', sha: commit.sha },
      })),
    });
  if (content.length)
    groups.push({
      id: 'content',
      label: 'Risky content',
      description: counts(content),
      rows: content.map((finding, index) => findingRow(finding, index, fixes)),
    });
  if (pipelines.length)
    groups.push({
      id: 'pipelines',
      label: 'Pipeline errors',
      description: counts(pipelines),
      rows: pipelines.map((finding, index) => findingRow(finding, index, fixes)),
    });
  // What CI runs matters only when something is pushed.
  if (commits.length && report.pipelines.length)
    groups.push({
      id: 'ci',
      label: 'What CI will run',
      description: `${report.pipelines.filter((pipeline) => pipeline.willRun).length} of ${plural(report.pipelines.length, 'workflow')}`,
      rows: report.pipelines.map((pipeline) => ({
        id: `ci:${pipeline.file}`,
        label: pipeline.file,
        description: pipeline.willRun ? 'will run' : 'will not run',
        tooltip: `${pipeline.file}: ${pipeline.willRun ? 'will run' : 'will not run'}: ${pipeline.reason}`,
        icon: pipeline.willRun ? 'run' : 'circle-slash',
        action: { kind: 'open', file: pipeline.file },
        children: pipeline.jobs.map((job) => ({
          id: `ci:${pipeline.file}:${job.id}`,
          label: job.id,
          description: job.willRun ? 'will run' : 'skipped',
          tooltip: `${job.id}: ${job.willRun ? 'will run' : 'will not run'}: ${job.reason}`,
          icon: job.willRun ? 'run' : 'debug-step-over',
        })),
      })),
    });
  if (branch.length)
    groups.push({ id: 'branch', label: 'Branch state', description: counts(branch), rows: branch.map((finding, index) => findingRow(finding, index, fixes)) });
  return groups;
}

function counts(findings: readonly PreflightFinding[]): string {
  const blocking = findings.filter((finding) => finding.severity === 'block').length;
  const warnings = findings.filter((finding) => finding.severity === 'warn').length;
  return [blocking ? `${blocking} to fix` : '', warnings ? `${warnings} to check` : ''].filter(Boolean).join(', ') || plural(findings.length, 'note');
}

/** A finding's row: its message, where it is, and what helps (a secret: the recovery fix that takes it out of the commit, when there is one). */
function findingRow(finding: PreflightFinding, index: number, fixes: ReadonlyMap<string, string>): PreflightRow {
  const where = finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : undefined;
  const fixId =
    finding.commit && (finding.kind === 'secret' || finding.kind === 'large-file' || finding.kind === 'env-file') ? fixes.get(finding.commit) : undefined;
  const action: PreflightRowAction | undefined = fixId
    ? { kind: 'fix', fixId }
    : finding.file
      ? { kind: 'open', file: finding.file, ...(finding.line ? { line: finding.line } : {}) }
      : undefined;
  const help = fixId ? 'Click to review the fix that takes it out of the commit (it can be undone).' : finding.action;
  return {
    id: `${finding.kind}:${finding.commit ?? ''}:${where ?? ''}:${index}`,
    label: finding.message,
    // The message names the place already when it starts with it; the row then adds only the commit.
    description:
      [where && !finding.message.includes(where) ? where : undefined, finding.commit ? shortSha(finding.commit) : undefined].filter(Boolean).join(' · ') ||
      undefined,
    tooltip: [finding.message, help].filter(Boolean).join('\n'),
    icon: finding.severity === 'block' ? 'error' : finding.severity === 'warn' ? 'warning' : 'info',
    ...(finding.severity === 'block' ? { color: 'error' as const } : finding.severity === 'warn' ? { color: 'warning' as const } : {}),
    ...(action ? { action } : {}),
  };
}
