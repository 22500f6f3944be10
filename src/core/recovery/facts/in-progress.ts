import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { detectInProgress, type InProgressOperation } from '../repo-summary';
import type { InProgressFacts } from './types';

/** The marker whose age tells when each operation started. */
const MARKERS: Record<InProgressOperation, readonly string[]> = {
  merge: ['MERGE_HEAD'],
  rebase: ['rebase-merge', 'rebase-apply'],
  am: ['rebase-apply'],
  'cherry-pick': ['CHERRY_PICK_HEAD'],
  revert: ['REVERT_HEAD'],
  bisect: ['BISECT_LOG'],
};

/**
 * What git is in the middle of, from the files it keeps in the (per-worktree)
 * git directory. Plain file reads: no git call needed.
 */
export function readInProgress(gitDir: string, currentBranch: string | undefined): InProgressFacts | undefined {
  const operation = detectInProgress(gitDir);
  if (!operation) return undefined;
  const marker = MARKERS[operation].map((name) => join(gitDir, name)).find((path) => modifiedAt(path) !== undefined);
  const since = marker ? modifiedAt(marker) : undefined;
  if (operation === 'rebase') {
    const dir = marker ?? join(gitDir, 'rebase-merge');
    const headName = readText(join(dir, 'head-name'));
    const merge = dir.endsWith('rebase-merge');
    return {
      operation,
      branch: headName?.startsWith('refs/heads/') ? headName.slice('refs/heads/'.length) : undefined,
      incoming: undefined,
      step: stepOf(readText(join(dir, merge ? 'msgnum' : 'next')), readText(join(dir, merge ? 'end' : 'last'))),
      since,
    };
  }
  if (operation === 'am') {
    // rebase-apply/next and last: the patch am stopped at, of how many.
    const dir = join(gitDir, 'rebase-apply');
    return { operation, branch: currentBranch, incoming: undefined, step: stepOf(readText(join(dir, 'next')), readText(join(dir, 'last'))), since };
  }
  const incoming = marker && operation !== 'bisect' ? readText(marker)?.split('\n')[0] : undefined;
  return { operation, branch: currentBranch, incoming: incoming && /^[0-9a-f]{40,64}$/.test(incoming) ? incoming : undefined, step: undefined, since };
}

function stepOf(doneText: string | undefined, totalText: string | undefined): InProgressFacts['step'] {
  const done = Number(doneText);
  const total = Number(totalText);
  return done > 0 && total > 0 ? { done, total } : undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function modifiedAt(path: string): number | undefined {
  try {
    return Math.floor(statSync(path).mtimeMs / 1000);
  } catch {
    return undefined;
  }
}
