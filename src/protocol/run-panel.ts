import { hasType, type ReadyMessage } from './messages';

/** A job's or step's status as the panel shows it (the core's ShownStatus: a success not run as asked is a warning). */
export type PanelStatus = 'queued' | 'running' | 'success' | 'warning' | 'failure' | 'skipped' | 'cancelled';
export type LogStream = 'stdout' | 'stderr' | 'runner';

export interface RunHeaderView {
  readonly id: string;
  readonly kind: 'run' | 'plan';
  readonly workflow: string;
  readonly event: string;
  readonly ref: string;
  readonly status: PanelStatus;
  readonly startedAt: string;
  readonly durationMs: number | undefined;
  /** Why it did not run, in one line; `problems` lists each reason. */
  readonly problem: string | undefined;
  /** Each reason the workflow cannot run, once; openProblem takes its index. */
  readonly problems: readonly ProblemView[];
  readonly canCancel: boolean;
  readonly canRerun: boolean;
}

export interface ProblemView {
  readonly message: string;
  /** "ci.yml:4:5", when it has a place the panel can open. */
  readonly location: string | undefined;
  readonly rule: string | undefined;
}

export interface StepView {
  readonly index: number;
  readonly name: string;
  readonly status: PanelStatus;
  readonly durationMs: number | undefined;
  /** For a warning, what did not happen as asked. */
  readonly reason: string | undefined;
}

export interface JobView {
  readonly key: string;
  readonly name: string;
  /** Keys of the legs this leg waits for: every leg of each needed job, so edges join legs. */
  readonly needs: readonly string[];
  readonly status: PanelStatus;
  readonly durationMs: number | undefined;
  readonly reason: string | undefined;
  /** What did not happen as the workflow asked (another toolchain); the status is then "warning". */
  readonly warnings: readonly string[];
  /** What this machine cannot reproduce ("ignored locally: services"...). */
  readonly limitations: readonly string[];
  readonly steps: readonly StepView[];
}

export interface AnnotationView {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly title: string | undefined;
  /** "src/a.ts:12:3", for display; undefined when the annotation names no file. */
  readonly location: string | undefined;
  readonly jobKey: string;
}

export interface SummaryView {
  readonly jobKey: string;
  readonly jobName: string;
  readonly markdown: string;
  readonly truncated: boolean;
}

export interface StepRef {
  readonly jobKey: string;
  readonly stepIndex: number;
}

export interface RunPanelState {
  readonly run: RunHeaderView;
  readonly jobs: readonly JobView[];
  readonly annotations: readonly AnnotationView[];
  readonly summaries: readonly SummaryView[];
  readonly selected: StepRef | undefined;
}

export interface LogLine {
  readonly text: string;
  readonly stream: LogStream;
}

/** The log view shows the last LOG_VIEW_LINES lines of a step; the host's buffers keep the same tail. */
export const LOG_VIEW_LINES = 5_000;
/** Lines the view may hold past LOG_VIEW_LINES before it trims back, so trimming (a rebuild) stays rare. */
export const LOG_VIEW_SLACK = 1_000;

/** How many lines the view holds after an append: host and webview count alike. */
export function linesAfterAppend(shown: number, added: number): number {
  const next = shown + added;
  return next > LOG_VIEW_LINES + LOG_VIEW_SLACK ? LOG_VIEW_LINES : next;
}

/** Lines shown against lines the step wrote: the view keeps the tail, the disk keeps all. */
export interface LogExtent {
  /** Lines the step wrote so far (as far as the host knows). */
  readonly total: number;
}

export type RunPanelToWebview =
  | { readonly type: 'state'; readonly state: RunPanelState }
  /** A new selection's log: replaces what is shown. The first line's number is total - lines.length + 1. */
  | ({ readonly type: 'logReset'; readonly step: StepRef; readonly lines: readonly LogLine[]; readonly live: boolean; readonly hasFile: boolean } & LogExtent)
  /** More lines of the selected step, batched. */
  | ({ readonly type: 'log'; readonly step: StepRef; readonly lines: readonly LogLine[]; readonly live: boolean } & LogExtent);

/** Intents name what the host showed (job keys, step and annotation indexes); the host looks them up. */
export type WebviewToRunPanel =
  | ReadyMessage
  | { readonly type: 'cancel' }
  | { readonly type: 'rerun' }
  | { readonly type: 'selectStep'; readonly jobKey: string; readonly stepIndex: number }
  | { readonly type: 'openFullLog'; readonly jobKey: string; readonly stepIndex: number }
  | { readonly type: 'openAnnotation'; readonly index: number }
  | { readonly type: 'openProblem'; readonly index: number };

const BARE = new Set(['ready', 'cancel', 'rerun']);
const MAX_KEY = 500;
const isIndex = (value: unknown, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
const isJobKey = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY;

/** Validates a message from the run panel; anything else is dropped. */
export function isWebviewToRunPanel(value: unknown): value is WebviewToRunPanel {
  if (!hasType(value)) return false;
  const keys = Object.keys(value);
  if (BARE.has(value.type)) return keys.length === 1;
  const record = value as Record<string, unknown>;
  if (value.type === 'selectStep' || value.type === 'openFullLog') return keys.length === 3 && isJobKey(record.jobKey) && isIndex(record.stepIndex, 10_000);
  if (value.type === 'openAnnotation' || value.type === 'openProblem') return keys.length === 2 && isIndex(record.index, 100_000);
  return false;
}
