/**
 * The jobs of a merged GitLab configuration: every root key that is not a global keyword. Hidden
 * jobs (a leading `.`) are templates, not jobs. A job's effective keys are its own plus what
 * `default:` (and the old global keys) give it, unless `inherit: default:` says otherwise; global
 * `variables` likewise through `inherit: variables:`.
 */
import { entryOf, keyText, scalarText, valueOf, type AEntry, type AMap, type ANode, type AScalar } from '../yaml/located-tree';
import { isHiddenName } from './tree-ops';

/** Root keys GitLab reads as configuration, never as jobs. */
export const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'types',
  'variables',
  'workflow',
  'image',
  'services',
  'before_script',
  'after_script',
  'cache',
  'spec',
]);

/** Keys `default:` may set. */
export const DEFAULT_KEYS = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
];

/** The old global keys that still act as defaults when `default:` does not set them. */
const GLOBAL_DEFAULTS = ['image', 'services', 'before_script', 'after_script', 'cache'];

export interface GitLabJob {
  readonly name: string;
  readonly key: AScalar;
  /** The job as merged (includes, extends, references). */
  readonly node: ANode;
  /** With `default:`, global keys and global variables applied; undefined when the job is not a map. */
  readonly effective: AMap | undefined;
  readonly hidden: boolean;
}

/** Whether `inherit: <what>:` lets the job take `key` (true, false, or a list of names). */
function inherits(job: AMap, what: 'default' | 'variables', key: string): boolean {
  const setting = valueOf(valueOf(job, 'inherit'), what);
  if (!setting) return true;
  if (setting.kind === 'scalar') return setting.value !== false && setting.value !== 'false';
  if (setting.kind === 'seq') return setting.items.some((item) => scalarText(item) === key);
  return true;
}

function effectiveJob(job: AMap, root: AMap): AMap {
  const defaults = valueOf(root, 'default');
  const added: AEntry[] = [];
  for (const key of DEFAULT_KEYS) {
    if (entryOf(job, key) || !inherits(job, 'default', key)) continue;
    const given = (defaults?.kind === 'map' ? entryOf(defaults, key) : undefined) ?? (GLOBAL_DEFAULTS.includes(key) ? entryOf(root, key) : undefined);
    if (given) added.push(given);
  }
  const globals = valueOf(root, 'variables');
  const entries = [...job.entries.filter((entry) => keyText(entry) !== 'variables'), ...added];
  const own = valueOf(job, 'variables');
  const inheritVariables = valueOf(valueOf(job, 'inherit'), 'variables');
  const inherited =
    globals?.kind !== 'map' ? [] : inheritVariables ? globals.entries.filter((entry) => inherits(job, 'variables', keyText(entry))) : globals.entries;
  if (inherited.length || own) {
    const mine = own?.kind === 'map' ? own.entries : [];
    const names = new Set(mine.map(keyText));
    const variables = [...inherited.filter((entry) => !names.has(keyText(entry))), ...mine];
    const at = entryOf(job, 'variables') ?? (globals?.kind === 'map' ? entryOf(root, 'variables') : undefined);
    if (at) entries.push({ key: at.key, value: own && own.kind !== 'map' ? own : { kind: 'map', entries: variables, origin: at.value.origin } });
  }
  return { ...job, entries };
}

export function gitLabJobs(root: AMap | undefined): GitLabJob[] {
  if (!root) return [];
  return root.entries
    .filter((entry) => !GLOBAL_KEYWORDS.has(keyText(entry)))
    .map((entry) => {
      const name = keyText(entry);
      return {
        name,
        key: entry.key,
        node: entry.value,
        effective: entry.value.kind === 'map' ? effectiveJob(entry.value, root) : undefined,
        hidden: isHiddenName(name),
      };
    });
}
