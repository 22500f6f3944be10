import { createGit, type Git, type GitOptions } from '../../git/git';
import type { FixPlan } from '../model';
import { findUnfinished, newEntryId, readJournal, withJournalLock, withoutRefsBefore, writeJournal, type JournalEntry } from './journal';
import { keepBeforeValues } from './backup-refs';
import { addToGitignore } from './ignore-files';
import { openRepository, type RepoContext } from './repo-context';
import { changedRefs, readHead, readRefs } from './refs';
import { rollBackTo } from './restore';
import { fixFailed, fixRefused, gitMessage } from './safety-errors';
import { refuseWhileLocked, refuseWithoutIdentity } from './preconditions';
import { takeSnapshotIn, type Snapshot } from './snapshot';
import { readWorkState, type LeftOutFile } from './work-state';

export interface ApplyFixOptions extends GitOptions {
  readonly signal?: AbortSignal;
}

export interface AppliedFix {
  readonly snapshotId: string;
  readonly journalEntry: JournalEntry;
  /** Untracked files too big for the snapshot; the fix did not touch them, and an undo leaves them as they are. */
  readonly leftOut: readonly LeftOutFile[];
}

/**
 * Runs a plan's steps with a snapshot taken first and a journal entry written
 * after, so undoFix can put everything back. A failing (or cancelled) step
 * restores the snapshot at once: the repository is as it was.
 */
export async function applyFix(repo: string, plan: FixPlan, options: ApplyFixOptions = {}): Promise<AppliedFix> {
  if (plan.refusal) throw fixRefused(`"${plan.title}" cannot be applied now: ${plan.refusal}`);
  checkSteps(plan);
  const { signal, ...gitOptions } = options;
  // Only the steps can be cancelled: snapshot and restore must always finish.
  const context = await openRepository(repo, gitOptions);
  return withJournalLock(context, async () => {
    if (signal?.aborted) throw fixRefused(`"${plan.title}" was cancelled before it started; nothing was changed.`);
    await refuseWhileLocked(context, plan.movesRefs, `"${plan.title}"`);
    await refuseWhileUnfinished(context);
    await refuseWithoutIdentity(context, plan.steps, `"${plan.title}"`);
    const snapshot = await takeSnapshotIn(context);
    // The intent first: killed during the steps, the fix is found unfinished and rolled back from this.
    const applying: JournalEntry = {
      id: newEntryId(),
      kind: 'fix',
      fixId: plan.id,
      title: plan.title,
      time: new Date().toISOString(),
      snapshot: snapshot.id,
      refs: {},
      head: { before: snapshot.head, after: snapshot.head },
      status: 'applying',
      refsBefore: Object.fromEntries(snapshot.refs ?? new Map()),
    };
    const earlier = await readJournal(context);
    await writeJournal(context, [...earlier, applying]);
    const steps = createGit(context.root, { ...gitOptions, signal });
    // Whatever fails after the first change: everything back from the snapshot, the journal as if it never ran.
    const rollBack = async (why: string): Promise<never> => {
      await rollBackTo(context, snapshot, why);
      await writeJournal(context, earlier).catch(() => undefined);
      throw fixFailed(`${why}. Nothing was changed: the repository was restored from snapshot ${snapshot.id}.`);
    };
    // Files touched without a change leave stale stat data, and `reset --keep` (unlike status)
    // does not refresh it: it would refuse with "not uptodate". Stat data only; entries stay.
    await steps.raw(['update-index', '-q', '--refresh']).catch(() => undefined);
    const keepReset = plan.steps.some((step) => step.args[0] === 'reset' && step.args.includes('--keep'));
    const intentToAdd = keepReset ? await readIntentToAdd(steps) : [];
    for (const [index, step] of plan.steps.entries()) {
      const where = `step ${index + 1} of ${plan.steps.length} (git ${step.args.join(' ')})`;
      try {
        if (signal?.aborted) throw new Error('cancelled');
        await steps.raw([...step.args]);
      } catch (error) {
        await rollBack(`"${plan.title}": ${where} ${signal?.aborted ? 'was cancelled' : `failed: ${gitMessage(error)}`}`);
      }
    }
    try {
      if (keepReset) {
        await restageAfterKeepReset(steps, snapshot);
        await keepIntentToAdd(steps, intentToAdd);
      }
    } catch (error) {
      await rollBack(`"${plan.title}": keeping your staged changes staged failed: ${gitMessage(error)}`);
    }
    try {
      await addToGitignore(steps, context.root, plan.ignorePaths ?? []);
    } catch (error) {
      await rollBack(`"${plan.title}": adding ${(plan.ignorePaths ?? []).join(', ')} to .gitignore failed: ${gitMessage(error)}`);
    }
    // A fix that cannot be journaled cannot be undone: then it is rolled back too.
    let entry: JournalEntry;
    try {
      const refs = changedRefs(snapshot.refs ?? new Map(), await readRefs(context.git));
      await keepBeforeValues(context, snapshot.id, refs);
      entry = {
        ...withoutRefsBefore(applying),
        refs,
        head: { before: snapshot.head, after: await readHead(context.git) },
        status: 'applied',
        workAfter: await readWorkState(context),
      };
      await writeJournal(context, [...earlier, entry]);
    } catch (error) {
      return rollBack(`recording "${plan.title}" for undo failed: ${gitMessage(error)}`);
    }
    return { snapshotId: snapshot.id, journalEntry: entry, leftOut: snapshot.leftOut ?? [] };
  });
}

/**
 * `reset --keep` keeps files but not the index: a staged new file ends up untracked, staged
 * edits unstaged. So what was staged is staged again on top of the new HEAD, by a three-way
 * read of the trees (old HEAD, new HEAD, old index) into the index alone: files are not touched.
 */
async function restageAfterKeepReset(git: Git, snapshot: Snapshot): Promise<void> {
  if (snapshot.indexTree === null || snapshot.head.sha === null) return;
  const oldHeadTree = (await git.raw(['rev-parse', `${snapshot.head.sha}^{tree}`])).trim();
  if (oldHeadTree === snapshot.indexTree) return; // nothing was staged
  await git.raw(['read-tree', '-m', '-i', '--aggressive', snapshot.head.sha, 'HEAD', snapshot.indexTree]);
  if ((await git.raw(['ls-files', '-u'])).trim() !== '') throw new Error('the staged changes conflict with the new HEAD');
  await git.tryRaw(['update-index', '-q', '--refresh']);
}

/** Paths added with `git add -N`: the only entries a diff of the index against the files lists as added. */
async function readIntentToAdd(git: Git): Promise<string[]> {
  return (await git.raw(['diff-files', '--name-only', '--diff-filter=A', '-z'])).split('\0').filter((path) => path !== '');
}

/**
 * An intent-to-add entry is in no tree, so `reset --keep` and the re-staging drop it and the file
 * shows as untracked: it is marked again (forced: it was in the index, even if ignored now).
 */
async function keepIntentToAdd(git: Git, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const literal = paths.map((path) => `:(literal)${path}`);
  const tracked = new Set((await git.raw(['ls-files', '-z', '--', ...literal])).split('\0'));
  const untracked = new Set((await git.raw(['ls-files', '-z', '--others', '--', ...literal])).split('\0'));
  const lost = paths.filter((path) => !tracked.has(path) && untracked.has(path));
  if (lost.length > 0) await git.raw(['add', '--intent-to-add', '--force', '--', ...lost.map((path) => `:(literal)${path}`)]);
}

/** A fix that was killed half way is rolled back (by the next undo) before any other fix runs. */
async function refuseWhileUnfinished(context: RepoContext): Promise<void> {
  const unfinished = findUnfinished(await readJournal(context));
  if (unfinished) {
    throw fixRefused(
      `"${unfinished.title}" was interrupted before it finished (its safety snapshot is ${unfinished.snapshot}); nothing was changed.`,
      'Roll it back first: shipshape fix --undo --yes, or Undo Last Fix in the editor.',
    );
  }
}

/** Steps are argument lists we pass to git as they are; a few shapes are never ours to run. */
function checkSteps(plan: FixPlan): void {
  for (const step of plan.steps) {
    const [command] = step.args;
    if (command === undefined || command.startsWith('-')) {
      throw fixRefused(`"${plan.title}" has a step that does not start with a git command: ${JSON.stringify(step.args)}.`);
    }
    if (command === 'fsck' && step.args.includes('--lost-found')) {
      throw fixRefused(`"${plan.title}" would run git fsck --lost-found, which writes into the repository.`);
    }
    if (step.args.some((arg) => arg.includes('refs/shipshape/'))) {
      throw fixRefused(`"${plan.title}" would change Shipshape's own snapshots.`);
    }
  }
}
