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
  'identity',
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
function inherits(inherit: ANode | undefined, what: 'default' | 'variables', key: string): boolean {
  const setting = valueOf(inherit, what);
  if (!setting) return true;
  if (setting.kind === 'scalar') return setting.value !== false && setting.value !== 'false';
  if (setting.kind === 'seq') return setting.items.some((item) => scalarText(item) === key);
  return true;
}

/** A map's entries by key, the last one winning (as entryOf finds them). */
const byKey = (map: AMap): Map<string, AEntry> => new Map(map.entries.map((entry) => [keyText(entry), entry]));

/** What every job reads from the root, looked up once for all of them (a root holds every job). */
interface RootDefaults {
  readonly root: Map<string, AEntry>;
  readonly defaults: Map<string, AEntry> | undefined;
  /** The nodes all of it comes from: `default:`, and the global keys' keys and values. */
  readonly sources: readonly (ANode | undefined)[];
}

/** The global keys a job may take. */
const GLOBAL_SOURCES = [...GLOBAL_DEFAULTS, 'variables'];

/**
 * Each job's effective map, with the root nodes it was made from: trees are immutable and an edit
 * leaves most jobs and the root's defaults the same objects (parse-cache.ts, deepMerge's memo), so
 * their effective maps are not made again.
 */
const effectiveMade = new WeakMap<AMap, { readonly sources: readonly (ANode | undefined)[]; readonly effective: AMap }>();

function effectiveOf(job: AMap, given: RootDefaults): AMap {
  const made = effectiveMade.get(job);
  if (made && made.sources.length === given.sources.length && made.sources.every((source, index) => source === given.sources[index])) return made.effective;
  const effective = effectiveJob(job, given);
  effectiveMade.set(job, { sources: given.sources, effective });
  return effective;
}

/**
 * The job with what it inherits. Made for every visible job on every check, so it allocates little:
 * the job's keys are looked up in place (a job has a dozen), and the variables it sees are merged
 * when first read (the checks read a job's own `variables:`; hover and the push forecast these).
 */
function effectiveJob(job: AMap, given: RootDefaults): AMap {
  const inherit = entryOf(job, 'inherit')?.value;
  const entries: AEntry[] = [];
  for (const entry of job.entries) if (keyText(entry) !== 'variables') entries.push(entry);
  for (const key of DEFAULT_KEYS) {
    if (entryOf(job, key) || !inherits(inherit, 'default', key)) continue;
    const entry = given.defaults?.get(key) ?? (GLOBAL_DEFAULTS.includes(key) ? given.root.get(key) : undefined);
    if (entry) entries.push(entry);
  }
  const globalsEntry = given.root.get('variables');
  const globals = globalsEntry?.value;
  const ownEntry = entryOf(job, 'variables');
  const own = ownEntry?.value;
  const inheritVariables = valueOf(inherit, 'variables');
  const inherited = (): readonly AEntry[] =>
    globals?.kind !== 'map' ? [] : inheritVariables ? globals.entries.filter((entry) => inherits(inherit, 'variables', keyText(entry))) : globals.entries;
  const at = ownEntry ?? (globals?.kind === 'map' ? globalsEntry : undefined);
  if (at && (own || inherited().length)) {
    if (own && own.kind !== 'map') entries.push({ key: at.key, value: own });
    else {
      const ownVariables = own?.kind === 'map' ? own.entries : [];
      let variables: readonly AEntry[] | undefined;
      const merged = (): readonly AEntry[] => {
        const names = new Set(ownVariables.map(keyText));
        return [...inherited().filter((entry) => !names.has(keyText(entry))), ...ownVariables];
      };
      const value: AMap = {
        kind: 'map',
        get entries() {
          return (variables ??= merged());
        },
        origin: at.value.origin,
      };
      entries.push({ key: at.key, value });
    }
  }
  return { ...job, entries };
}

export function gitLabJobs(root: AMap | undefined): GitLabJob[] {
  if (!root) return [];
  const rootEntries = byKey(root);
  const defaults = rootEntries.get('default')?.value;
  const sources = [defaults, ...GLOBAL_SOURCES.flatMap((key) => [rootEntries.get(key)?.key, rootEntries.get(key)?.value])];
  const given: RootDefaults = { root: rootEntries, defaults: defaults?.kind === 'map' ? byKey(defaults) : undefined, sources };
  return root.entries
    .filter((entry) => !GLOBAL_KEYWORDS.has(keyText(entry)))
    .map((entry) => {
      const name = keyText(entry);
      const node = entry.value;
      // Made when a check first reads it: most checks read visible jobs only.
      let effective: AMap | undefined | null = null;
      return {
        name,
        key: entry.key,
        node,
        get effective() {
          if (effective === null) effective = node.kind === 'map' ? effectiveOf(node, given) : undefined;
          return effective;
        },
        hidden: isHiddenName(name),
      };
    });
}
