import type { FixPlan } from './model';

/** One branch (or the stash) before and after a fix, in words: a short sha, or what happens. */
export interface RefChangeRow {
  readonly ref: string;
  readonly before: string;
  readonly after: string;
}

const short = (sha: string) => (/^[0-9a-f]{40}$/.test(sha) ? sha.slice(0, 7) : sha);
const lastArg = (args: readonly string[]) => [...args].reverse().find((arg) => !arg.startsWith('-'));

/**
 * The small before/after picture of a fix, read from its steps: which branch
 * ends up where. `head` is where the current branch points now.
 */
export function refPicture(fix: FixPlan, head: { readonly branch: string | undefined; readonly sha: string | undefined }): RefChangeRow[] {
  const current = head.branch ?? 'HEAD';
  const rows = new Map<string, RefChangeRow>();
  const set = (ref: string, before: string, after: string) => rows.set(ref, { ref, before: rows.get(ref)?.before ?? before, after });
  const now = head.sha ? short(head.sha) : 'no commit yet';
  for (const { args } of fix.steps) {
    const [command, ...rest] = args;
    const positional = rest.filter((arg) => !arg.startsWith('-'));
    switch (command) {
      case 'branch':
        if (rest.includes('-D') || rest.includes('-d')) set(positional[0] ?? '?', 'exists', 'deleted');
        else if (positional[0]) set(positional[0], 'does not exist', short(positional[1] ?? head.sha ?? 'HEAD'));
        break;
      case 'reset': {
        const target = lastArg(rest);
        if (target && !rest.includes('--')) set(current, now, short(target));
        break;
      }
      case 'revert':
      case 'cherry-pick':
        set(current, now, `a new commit on top of ${now}`);
        break;
      case 'commit':
        set(current, now, rest.includes('--amend') ? `the amended commit, replacing ${now}` : `a new commit on top of ${now}`);
        break;
      case 'stash':
        if (positional[0] === 'store') set('stash', 'without it', `${short(positional[positional.length - 1] ?? '?')} back in the list`);
        break;
      case 'update-ref':
        if (positional[0] && positional[1]) set(positional[0].replace(/^refs\/heads\//, ''), 'as it is', short(positional[1]));
        break;
      default:
        break;
    }
  }
  return [...rows.values()];
}
