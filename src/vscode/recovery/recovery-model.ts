import * as vscode from 'vscode';
import { describeError, ShipshapeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { diagnose } from '../../core/recovery/diagnose';
import { firstLook } from '../../core/recovery/first-look';
import type { FixPlan, Situation } from '../../core/recovery/model';
import { readRepoSummary, type RepoSummary } from '../../core/recovery/repo-summary';
import { recentActionsFromFacts, type RecentAction } from '../../core/recovery/recent-actions';
import { listDeletedFiles, type DeletedFile } from '../../core/recovery/intents';
import { applyFix, deleteSnapshot, listSnapshots, purgeAfterSecretRemoval, undoFix, type SnapshotInfo, type JournalEntry } from '../../core/recovery/safety';
import type { GitOptions } from '../../core/git/git';
import { editorGitOptions } from '../git-options';
import { count } from '../../core/recovery/detectors/words';

/**
 * Fixes run git commands that can start the repository's own hooks
 * (post-checkout, post-rewrite...): repository code, so only in a trusted workspace.
 * Diagnosis only reads, and works everywhere.
 */
export function requireTrust(): void {
  if (!vscode.workspace.isTrusted) {
    throw new ShipshapeError(
      'fix-refused',
      "Fixes run git, which can run this repository's hooks, so they need a trusted workspace.",
      'Trust the workspace (Manage Workspace Trust), then apply the fix again. Nothing was changed.',
    );
  }
}

export type RecoveryState =
  | { readonly status: 'idle' }
  | { readonly status: 'error'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly summary: RepoSummary;
      readonly situations: readonly Situation[];
      readonly snapshots: readonly SnapshotInfo[];
      readonly recentActions: readonly RecentAction[];
      readonly deletedFiles: readonly DeletedFile[];
      /** When the last deep scan ran (its findings stay until a fix changes the repository). */
      readonly deepScannedAt: number | undefined;
      /** A fix whose process died half way: the next undo rolls it back. */
      readonly unfinishedFix: JournalEntry | undefined;
    };

/** Kinds only the deep scan finds; kept between fast refreshes. */
const DEEP_KINDS = new Set(['dropped-stash', 'lost-staged', 'risky-commit']);

/**
 * What the Git Recovery view and the wizard show for one repository: its
 * diagnosis, refreshed when git's state changes (RecoveryWorkspace holds one
 * per repository and routes git's file events). Fixes are applied and undone
 * here, by plan, so every caller goes through the safety net.
 */
export class RecoveryModel implements vscode.Disposable {
  private current: RecoveryState = { status: 'idle' };
  private readonly changed = new vscode.EventEmitter<RecoveryState>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private pending: Promise<RecoveryState> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private deepSituations: readonly Situation[] = [];
  private deepScannedAt: number | undefined;
  /** Plans made for intents the user stated ("undo this commit"), by id, so the wizard can apply them. */
  private readonly intentPlans = new Map<string, { situation: Situation; fix: FixPlan }>();
  /** Fixes, undos and purges this model is running now, and how many ever started: a journal entry they leave 'applying' is not an interrupted fix. */
  private changesInFlight = 0;
  private changesStarted = 0;

  constructor(
    private readonly logger: Logger,
    /** The repository's top level (a folder in no repository: the folder, whose diagnosis says so); undefined without folders. */
    readonly root: string | undefined,
    /** Its folders' names, for views and pickers. */
    readonly label: string,
  ) {}

  get state(): RecoveryState {
    return this.current;
  }

  private gitOptions(): GitOptions {
    return editorGitOptions();
  }

  /** git's files changed: diagnose again shortly (changes come in bursts). */
  scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), 400);
  }

  /** Diagnoses again (one at a time: a refresh during a refresh shares it). */
  async refresh(): Promise<RecoveryState> {
    if (this.pending) return this.pending;
    this.pending = this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async load(): Promise<RecoveryState> {
    const dir = this.root;
    if (!dir) return this.set({ status: 'error', message: 'Open a folder that is a Git repository to use Git Recovery.' });
    const startedChanges = this.changesStarted;
    const changingAtStart = this.changesInFlight > 0;
    try {
      const started = Date.now();
      const options = this.gitOptions();
      const [summary, diagnosis, snapshots, deletedFiles] = await Promise.all([
        readRepoSummary(dir, options),
        firstLook(dir, options),
        listSnapshots(dir, options),
        listDeletedFiles(dir, { ...options, limit: 30 }),
      ]);
      const fast = diagnosis.situations;
      const recentActions = recentActionsFromFacts(diagnosis.facts); // the same facts, described
      const known = new Set(fast.map((situation) => situation.id));
      const situations = [...fast, ...this.deepSituations.filter((situation) => !known.has(situation.id))];
      this.logger.info(`Diagnosed ${dir}: ${count(situations.length, 'situation')}, ${count(snapshots.length, 'snapshot')} in ${Date.now() - started} ms`);
      // A refresh during our own fix (git's file events) reads its entry as 'applying': only one no change of ours can explain was interrupted.
      const ours = changingAtStart || this.changesInFlight > 0 || this.changesStarted !== startedChanges;
      const unfinishedFix = ours ? undefined : snapshots.map((snapshot) => snapshot.journalEntry).find((entry) => entry?.status === 'applying');
      return this.set({ status: 'ready', summary, situations, snapshots, recentActions, deletedFiles, deepScannedAt: this.deepScannedAt, unfinishedFix });
    } catch (error) {
      this.logger.warn(`Git Recovery: ${describeError(error)}`);
      return this.set({ status: 'error', message: describeError(error) });
    }
  }

  private set(state: RecoveryState): RecoveryState {
    this.current = state;
    this.changed.fire(state);
    return state;
  }

  /**
   * The deep scan: dropped stashes, staged changes lost to a reset, secrets and
   * large files in unpushed commits. Cancellable; reports progress.
   */
  async deepScan(signal: AbortSignal, onProgress: (message: string, fraction?: number) => void): Promise<RecoveryState> {
    const dir = this.requireFolder();
    const started = Date.now();
    const situations = await diagnose(dir, { ...this.gitOptions(), deep: true, signal, onProgress });
    this.deepSituations = situations.filter((situation) => DEEP_KINDS.has(situation.kind));
    this.deepScannedAt = Date.now();
    this.logger.info(`Deep scan of ${dir}: ${count(this.deepSituations.length, 'more situation')} in ${Date.now() - started} ms`);
    return this.refresh();
  }

  /** What the last deep scan found beyond the fast diagnosis (kept until a fix changes the repository). */
  get deepFindings(): readonly Situation[] {
    return this.deepSituations;
  }

  /** Registers a plan made for a stated intent, shown as its own situation. */
  offerIntent(title: string, explanation: string, fixes: readonly FixPlan[]): Situation {
    const situation: Situation = { id: `intent-${fixes[0]?.id ?? 'none'}`, kind: 'lost-commits', title, explanation, evidence: [], fixes, likelihood: 1 };
    for (const fix of fixes) this.intentPlans.set(fix.id, { situation, fix });
    return situation;
  }

  findFix(fixId: string): { situation: Situation; fix: FixPlan } | undefined {
    const intent = this.intentPlans.get(fixId);
    if (intent) return intent;
    if (this.current.status !== 'ready') return undefined;
    for (const situation of this.current.situations) {
      const fix = situation.fixes.find((candidate) => candidate.id === fixId);
      if (fix) return { situation, fix };
    }
    return undefined;
  }

  /** Applies a fix this model offered, over a safety snapshot; returns the snapshot id. */
  async apply(fix: FixPlan): Promise<string> {
    requireTrust();
    const dir = this.requireFolder();
    const applied = await this.changing(() => applyFix(dir, fix, this.gitOptions()));
    this.logger.info(`Applied "${fix.title}" (snapshot ${applied.snapshotId})`);
    this.forgetAfterChange();
    await this.refresh();
    return applied.snapshotId;
  }

  /** Undoes the last fix, or the one taken with this snapshot; `includeLaterChanges` once the person confirmed replacing work done since. */
  async undo(snapshotId?: string, includeLaterChanges = false): Promise<string> {
    requireTrust();
    const dir = this.requireFolder();
    const result = await this.changing(() => undoFix(dir, snapshotId, { ...this.gitOptions(), includeLaterChanges }));
    this.forgetAfterChange();
    this.logger.info(`Undid "${result.undone.title}" (the state before the undo is snapshot ${result.snapshotId})`);
    await this.refresh();
    return result.undone.title;
  }

  /** After a secret was taken out of a commit: its snapshot, unreachable reflog entries and objects go for good. */
  async purgeSecret(snapshotId: string): Promise<void> {
    requireTrust();
    await this.changing(() => purgeAfterSecretRemoval(this.requireFolder(), snapshotId, this.gitOptions()));
    this.logger.info(`Purged the removed secret (snapshot ${snapshotId} and the objects only the old commits held deleted; other recoverable work kept)`);
    this.forgetAfterChange();
    await this.refresh();
  }

  async deleteSnapshot(snapshotId: string): Promise<void> {
    await deleteSnapshot(this.requireFolder(), snapshotId, this.gitOptions());
    this.logger.info(`Deleted safety snapshot ${snapshotId}`);
    await this.refresh();
  }

  private async changing<T>(change: () => Promise<T>): Promise<T> {
    this.changesInFlight++;
    this.changesStarted++;
    try {
      return await change();
    } finally {
      this.changesInFlight--;
    }
  }

  /** After the repository changed, deep findings and intent plans may be stale. */
  private forgetAfterChange(): void {
    this.deepSituations = [];
    this.deepScannedAt = undefined;
    this.intentPlans.clear();
  }

  /** The repository folder, for intent planners. */
  get folder(): string {
    return this.requireFolder();
  }

  /** The git options (the configured binary, hardened when untrusted) for intent planners. */
  get options(): GitOptions {
    return this.gitOptions();
  }

  private requireFolder(): string {
    if (!this.root) throw new Error('No folder is open.');
    return this.root;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
