import type { RepoContext } from './repo-context';
import type { RefChange } from './journal';
import { SNAPSHOT_REF_PREFIX } from './refs';
import { updateRefs } from './ref-transaction';

/**
 * A fix that deletes a branch also deletes its reflog: the branch's commits
 * would then be kept by nothing and gc could drop them before an undo. So each
 * moved or deleted ref's old value gets a backup ref beside the snapshot.
 */
export async function keepBeforeValues(context: RepoContext, snapshotId: string, refs: Readonly<Record<string, RefChange>>): Promise<void> {
  const backups = Object.entries(refs)
    .filter((entry): entry is [string, { before: string; after: string | null }] => entry[1].before !== null)
    .map(([name, change]) => ({ name: `${SNAPSHOT_REF_PREFIX}${snapshotId}/before/${name.replace(/^refs\//, '')}`, old: null, new: change.before }));
  await updateRefs(context.root, context.options, backups, `shipshape: keep the refs snapshot ${snapshotId} undoes`);
}
