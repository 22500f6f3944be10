// Offline metadata of popular GitHub Actions, by major version, so `uses:` steps can be
// checked without the network. The table lives in popular-actions.json; this file types it
// and answers "what does `owner/repo[/path]@ref` accept and produce?".
import data from './popular-actions.json';

export interface ActionInput {
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly deprecationMessage?: string;
}

export interface PopularAction {
  /** Canonical `owner/repo[/path]`, spelled as the action's repository spells it. */
  readonly name: string;
  /** The major whose data this is, e.g. `v4`. */
  readonly major: string;
  /** `runs.using`: node12 … node24, composite, docker, or `unknown`. */
  readonly using: string;
  readonly inputs: Readonly<Record<string, ActionInput>>;
  readonly outputs: readonly string[];
  /** False when `inputs` may miss names: do not report unknown inputs then. */
  readonly inputsComplete: boolean;
  /** False when `outputs` may miss names: do not report unknown `steps.<id>.outputs.<name>` then. */
  readonly outputsComplete: boolean;
  /** Set when the referenced major runs on a runtime GitHub has retired (node12, node16). */
  readonly outdatedRuntime?: string;
  /** Where the data was read (repository, path, commit) or how it is known. */
  readonly source: string;
}

interface MajorRecord {
  readonly using: string;
  readonly inputs: Readonly<Record<string, ActionInput>>;
  readonly outputs: readonly string[];
  readonly inputsComplete: boolean;
  readonly outputsComplete: boolean;
  readonly source: string;
}

interface ActionRecord {
  readonly latest: string;
  readonly majors: Readonly<Record<string, MajorRecord>>;
}

const RETIRED_RUNTIMES: ReadonlySet<string> = new Set(['node12', 'node16']);

const table: Readonly<Record<string, ActionRecord>> = data.actions as unknown as Record<string, ActionRecord>;

// GitHub treats owner and repository names case-insensitively; so do we, path included.
const byLowerName: ReadonlyMap<string, string> = new Map(Object.keys(table).map((name) => [name.toLowerCase(), name]));

/** Every action name in the table, canonical spelling. */
export function popularActionNames(): readonly string[] {
  return Object.keys(table);
}

/**
 * Splits `owner/repo[/path]@ref`. Returns undefined for local (`./x`) and `docker://` references,
 * expressions, and anything without an owner, a repository and a ref. The ref is everything after
 * the first `@`, so refs with slashes (`release/v1`, `refs/heads/main`) survive.
 */
export function parseUsesRef(uses: string): { owner: string; repo: string; path: string | undefined; ref: string } | undefined {
  const text = uses.trim();
  if (text.startsWith('./') || text.startsWith('docker://') || text.includes('${{')) {
    return undefined;
  }
  const at = text.indexOf('@');
  if (at < 0) {
    return undefined;
  }
  const ref = text.slice(at + 1);
  const [owner, repo, ...rest] = text.slice(0, at).split('/');
  if (!owner || !repo || !ref || /\s/.test(text) || rest.some((segment) => segment === '')) {
    return undefined;
  }
  return { owner, repo, path: rest.length > 0 ? rest.join('/') : undefined, ref };
}

/** `v4`, `v4.1`, `v4.1.2`, `4` → `v4`; SHAs, branches and other refs → undefined. */
function majorOfRef(ref: string): string | undefined {
  const match = /^v?(\d+)(?:\.\d+){0,2}$/.exec(ref);
  return match ? `v${Number(match[1])}` : undefined;
}

function hasData(record: MajorRecord): boolean {
  return record.inputsComplete || Object.keys(record.inputs).length > 0 || record.outputs.length > 0;
}

function findAction(name: string): { name: string; record: ActionRecord } | undefined {
  const canonical = byLowerName.get(name.toLowerCase());
  const record = canonical === undefined ? undefined : table[canonical];
  return canonical === undefined || record === undefined ? undefined : { name: canonical, record };
}

/** The newest major the table has input/output data for, e.g. `v7` for `actions/checkout`. */
export function latestMajor(name: string): string | undefined {
  return findAction(name)?.record.latest;
}

/**
 * Metadata for a `uses:` value, or undefined when the action is not in the table.
 * A version tag selects its major. A SHA, a branch or a major we have no record of yields the
 * latest major's data marked incomplete and without `outdatedRuntime`: the version is unknown.
 * A major known only by its runtime (say `actions/checkout@v2`) yields the latest major's
 * names, marked incomplete, with no required or deprecated inputs claimed, and its runtime.
 */
export function lookupPopularAction(uses: string): PopularAction | undefined {
  // The same few references recur in every workflow: answer each once (results are only read).
  if (lookups.has(uses)) return lookups.get(uses);
  const found = lookupUncached(uses);
  if (lookups.size >= MAX_LOOKUPS) lookups.clear();
  lookups.set(uses, found);
  return found;
}

const lookups = new Map<string, PopularAction | undefined>();
const MAX_LOOKUPS = 2000;

function lookupUncached(uses: string): PopularAction | undefined {
  const parsed = parseUsesRef(uses);
  if (!parsed) {
    return undefined;
  }
  const found = findAction([parsed.owner, parsed.repo, parsed.path].filter(Boolean).join('/'));
  const latest = found?.record.majors[found.record.latest];
  if (!found || !latest) {
    return undefined;
  }
  const major = majorOfRef(parsed.ref);
  const exact = major === undefined ? undefined : found.record.majors[major];
  // One answer per table record, so what callers build from it once (see popularMetadata in rules/action.ts) holds for every file.
  const key = exact === undefined || major === undefined ? found.record : exact;
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = answerFor(found.name, found.record, latest, major, exact)));
  return answer;
}

/** Answers by the table record they come from (an action's, or one of its majors'): they depend on the built-in table alone. */
const answers = new WeakMap<ActionRecord | MajorRecord, PopularAction>();

function answerFor(name: string, record: ActionRecord, latest: MajorRecord, major: string | undefined, exact: MajorRecord | undefined): PopularAction {
  if (exact === undefined || major === undefined) {
    return { name, major: record.latest, ...latest, inputsComplete: false, outputsComplete: false };
  }
  const outdatedRuntime = RETIRED_RUNTIMES.has(exact.using) ? exact.using : undefined;
  const runtime = outdatedRuntime === undefined ? {} : { outdatedRuntime };
  if (hasData(exact)) {
    return { name, major, ...exact, ...runtime };
  }
  // Only the runtime is recorded for this major: borrow names, claim nothing that could be wrong.
  const inputs = Object.fromEntries(
    Object.entries(latest.inputs).map(([input, spec]): [string, ActionInput] => [input, { required: false, hasDefault: spec.hasDefault }]),
  );
  return {
    name,
    major,
    using: exact.using,
    inputs,
    outputs: latest.outputs,
    inputsComplete: false,
    outputsComplete: false,
    source: exact.source,
    ...runtime,
  };
}

/** Forgets every `uses:` looked up (cold measurements: see cross-file-caches.ts). */
export function forgetActionLookups(): void {
  lookups.clear();
}
