import { createGit, type GitOptions } from '../../git/git';

/** One ref change for a transaction; null means "absent" (create when old, delete when new). */
export interface RefUpdate {
  readonly name: string;
  readonly old: string | null;
  readonly new: string | null;
}

/**
 * All-or-nothing ref changes, each checked against its old value: git applies
 * the whole transaction or none of it, so a ref moved meanwhile stops them all.
 */
export async function updateRefs(dir: string, options: GitOptions, updates: readonly RefUpdate[], message: string): Promise<void> {
  if (updates.length === 0) return;
  const commands = updates.map((update) => {
    if (update.new === null) return `delete ${update.name}\0${update.old ?? ''}\0`;
    if (update.old === null) return `create ${update.name}\0${update.new}\0`; // fails if it exists
    return `update ${update.name}\0${update.new}\0${update.old}\0`;
  });
  await createGit(dir, options).raw(['update-ref', '-m', message, '--stdin', '-z'], { input: commands.join('') });
}
