import { WEBHOOK_EVENTS } from '../pipelines/github/data/events';
import { matchFilterList, type GlobKind } from '../pipelines/github/data/globs';

/**
 * Whether a workflow's `on:` starts a run for one event, following GitHub's
 * "Events that trigger workflows" and "Workflow syntax" pages: the event must
 * be listed, its activity type accepted, and its branch, tag and path
 * filters satisfied. Pure: the caller supplies the event as it would arrive.
 */

export interface RunEvent {
  /** 'push', 'pull_request', 'workflow_dispatch', 'schedule', ... */
  readonly name: string;
  /** Full ref the run is for: 'refs/heads/main', 'refs/tags/v1.2'. */
  readonly ref: string;
  /** pull_request / pull_request_target: the target branch, short name ('main'). */
  readonly baseRef?: string;
  /** e.g. 'opened'; pull_request and pull_request_target default to 'opened'. */
  readonly activityType?: string;
  /** Repository-relative, '/'-separated; undefined when unknown. */
  readonly changedFiles?: readonly string[];
  /** workflow_run: the triggering workflow's name and the branch it ran on; undefined when unknown. */
  readonly workflowName?: string;
  readonly headBranch?: string;
  /** The repository's default branch, short name ('main'); undefined when unknown. schedule runs only there. */
  readonly defaultBranch?: string;
}

export interface TriggerDecision {
  readonly triggers: boolean;
  /** One plain sentence for a person. */
  readonly reason: string;
}

/** One filter's verdict. `verb` clauses read after the subject ("push to "main" matches ..."). */
interface Clause {
  readonly ok: boolean;
  readonly text: string;
  readonly verb: boolean;
}

type Config = Readonly<Record<string, unknown>>;

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** Events whose filters (besides `types`) this module evaluates. */
const FILTERED_EVENTS = new Set(['push', ...PULL_REQUEST_EVENTS]);

const isConfig = (value: unknown): value is Config => typeof value === 'object' && value !== null && !Array.isArray(value);
const quoteList = (items: readonly string[]): string => `[${items.map((item) => `"${item}"`).join(', ')}]`;
const no = (reason: string): TriggerDecision => ({ triggers: false, reason });
const has = (config: Config, key: string): boolean => Object.prototype.hasOwnProperty.call(config, key);

/** A pattern or a list of patterns (the schema allows numbers in the list); undefined when the shape is wrong. */
function patternList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  const items: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') items.push(item);
    else if (typeof item === 'number') items.push(String(item));
    else return undefined;
  }
  return items;
}

/** The events `on:` listens for, each with its raw configuration, or why `on:` cannot be read. */
function listenedEvents(on: unknown): Map<string, unknown> | string {
  if (on === undefined || on === null) return 'the workflow has no "on:" triggers';
  if (typeof on === 'string') return new Map([[on, null]]);
  if (Array.isArray(on)) {
    const events = new Map<string, unknown>();
    for (const item of on) {
      if (typeof item !== 'string') return '"on:" lists something that is not an event name';
      events.set(item, null);
    }
    return events;
  }
  if (isConfig(on)) return new Map(Object.entries(on));
  return '"on:" must be an event name, a list of event names or a mapping of events';
}

/** `branches`/`branches-ignore` (or the tag pair) against one name; undefined when neither is set. */
function refClause(config: Config, kind: 'branch' | 'tag', name: string): Clause | undefined {
  const include = kind === 'branch' ? 'branches' : 'tags';
  const ignore = `${include}-ignore`;
  if (has(config, include) && has(config, ignore)) return { ok: false, verb: false, text: `"${include}" and "${ignore}" cannot both be used on one event` };
  const key = has(config, include) ? include : has(config, ignore) ? ignore : undefined;
  if (key === undefined) return undefined;
  const patterns = patternList(config[key]);
  if (patterns === undefined) return { ok: false, verb: false, text: `"${key}" must be a pattern or a list of patterns` };
  const matched = matchFilterList(patterns, name, kind);
  if (key === include) return { ok: matched, verb: true, text: `${matched ? 'matches' : 'does not match'} ${key} ${quoteList(patterns)}` };
  return { ok: !matched, verb: true, text: matched ? `is ignored by ${key} ${quoteList(patterns)}` : `is not in ${key} ${quoteList(patterns)}` };
}

const fileCount = (count: number): string => `${count} changed file${count === 1 ? '' : 's'}`;

/** `paths`/`paths-ignore` against the changed files; undefined when neither is set. */
function pathClause(config: Config, files: readonly string[] | undefined): Clause | undefined {
  if (has(config, 'paths') && has(config, 'paths-ignore'))
    return { ok: false, verb: false, text: '"paths" and "paths-ignore" cannot both be used on one event' };
  const key = has(config, 'paths') ? 'paths' : has(config, 'paths-ignore') ? 'paths-ignore' : undefined;
  if (key === undefined) return undefined;
  const patterns = patternList(config[key]);
  if (patterns === undefined) return { ok: false, verb: false, text: `"${key}" must be a pattern or a list of patterns` };
  const filter = `${key} ${quoteList(patterns)}`;
  // Without the diff we cannot tell; planning should not hide the workflow.
  if (files === undefined) return { ok: true, verb: false, text: `the changed files are unknown, so ${filter} is treated as matching` };
  const kind: GlobKind = 'path';
  if (key === 'paths') {
    const matching = files.filter((file) => matchFilterList(patterns, file, kind)).length;
    if (matching > 0) return { ok: true, verb: false, text: `${matching} of ${fileCount(files.length)} ${matching === 1 ? 'matches' : 'match'} ${filter}` };
    return { ok: false, verb: false, text: `no changed file matches ${filter} (${files.length === 0 ? 'no files changed' : fileCount(files.length)})` };
  }
  // paths-ignore: the run happens unless every changed file is ignored (and none changed means no run).
  const kept = files.filter((file) => !matchFilterList(patterns, file, kind)).length;
  if (kept > 0) return { ok: true, verb: false, text: `${kept} of ${fileCount(files.length)} ${kept === 1 ? 'is' : 'are'} not in ${filter}` };
  if (files.length === 0) return { ok: false, verb: false, text: `no files changed, so nothing is left outside ${filter}` };
  return { ok: false, verb: false, text: `${files.length === 1 ? 'the only changed file matches' : `all ${fileCount(files.length)} match`} ${filter}` };
}

/** 'refs/tags/v1' is a tag; 'refs/heads/x' and anything else is read as a branch. */
function parseRef(ref: string): { readonly kind: 'branch' | 'tag'; readonly name: string } {
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', name: ref.slice('refs/tags/'.length) };
  if (ref.startsWith('refs/heads/')) return { kind: 'branch', name: ref.slice('refs/heads/'.length) };
  return { kind: 'branch', name: ref };
}

/** The activity-type verdict, or undefined when the event has no say over types. */
function typesClause(config: Config, event: RunEvent): Clause | undefined {
  const activity = event.activityType ?? (PULL_REQUEST_EVENTS.has(event.name) ? 'opened' : undefined);
  if (has(config, 'types')) {
    const types = patternList(config.types);
    if (types === undefined) return { ok: false, verb: false, text: `"types" of "${event.name}" must be an activity type or a list of them` };
    if (activity === undefined) return { ok: true, verb: false, text: `the activity type is unknown, so types ${quoteList(types)} is treated as matching` };
    if (!types.includes(activity)) return { ok: false, verb: false, text: `activity type "${activity}" is not in types ${quoteList(types)}` };
    return { ok: true, verb: false, text: `activity type "${activity}" is in types ${quoteList(types)}` };
  }
  const defaults = WEBHOOK_EVENTS[event.name]?.defaultTypes;
  if (defaults && activity !== undefined && !defaults.includes(activity)) {
    return { ok: false, verb: false, text: `activity type "${activity}" is not one "${event.name}" runs for without "types" (${defaults.join(', ')})` };
  }
  return undefined;
}

/** Joins the verdicts into one sentence: the first failure, or everything that let the run through. */
function sentence(subject: string, clauses: readonly Clause[]): string {
  const verb = clauses.find((clause) => clause.verb);
  const failed = clauses.find((clause) => !clause.ok);
  if (failed) {
    if (failed.verb) return `${subject} ${failed.text}`;
    if (verb?.ok) return `${subject} ${verb.text}, but ${failed.text}`;
    return `${subject}: ${failed.text}`;
  }
  const others = clauses.filter((clause) => !clause.verb).map((clause) => clause.text);
  if (verb) return [`${subject} ${verb.text}`, ...others].join(', and ');
  return `${subject}: ${others.join(', and ')}`;
}

export function matchTrigger(on: unknown, event: RunEvent): TriggerDecision {
  const events = listenedEvents(on);
  if (typeof events === 'string') return no(events);
  if (!events.has(event.name)) {
    const names = [...events.keys()];
    return no(`the workflow does not listen for "${event.name}" (${names.length ? `it has: ${names.join(', ')}` : 'it lists no events'})`);
  }
  const raw = events.get(event.name);
  if (event.name === 'schedule') return Array.isArray(raw) ? scheduleDecision(event) : no('"schedule" must be a list of cron entries');
  if (raw !== null && raw !== undefined && !isConfig(raw)) return no(`"${event.name}" in "on:" must be empty or a mapping of filters`);
  const config: Config = raw ?? {};

  const types = typesClause(config, event);
  // A rejected activity type says everything; the examples in the docs read it alone.
  if (types && !types.ok) return no(types.text);

  const clauses: Clause[] = [];
  let subject = event.name;
  if (event.name === 'push') {
    const ref = parseRef(event.ref);
    subject = ref.kind === 'tag' ? `push of tag "${ref.name}"` : `push to "${ref.name}"`;
    const branchFiltered = has(config, 'branches') || has(config, 'branches-ignore');
    const tagFiltered = has(config, 'tags') || has(config, 'tags-ignore');
    // "If you define only tags/tags-ignore or only branches/branches-ignore, the workflow won't run for events affecting the undefined Git ref."
    if (ref.kind === 'tag' && branchFiltered && !tagFiltered) return no(`${subject}: the workflow filters only branches for push, so tag pushes do not run it`);
    if (ref.kind === 'branch' && tagFiltered && !branchFiltered)
      return no(`${subject}: the workflow filters only tags for push, so branch pushes do not run it`);
    const refVerdict = refClause(config, ref.kind, ref.name);
    if (refVerdict) clauses.push(refVerdict);
    // "Path filters are not evaluated for pushes of tags."
    if (ref.kind === 'tag' && (has(config, 'paths') || has(config, 'paths-ignore'))) {
      clauses.push({ ok: true, verb: false, text: 'path filters do not apply to tag pushes' });
    } else {
      const paths = pathClause(config, event.changedFiles);
      if (paths) clauses.push(paths);
    }
  } else if (PULL_REQUEST_EVENTS.has(event.name)) {
    // Branch filters match the pull request's base (target) branch.
    const base = event.baseRef?.replace(/^refs\/heads\//, '');
    if (base !== undefined) {
      subject = `${event.name} on "${base}"`;
      const branches = refClause(config, 'branch', base);
      if (branches) clauses.push(branches);
    } else if (has(config, 'branches') || has(config, 'branches-ignore')) {
      const key = has(config, 'branches') ? 'branches' : 'branches-ignore';
      clauses.push({ ok: true, verb: false, text: `the base branch is unknown, so "${key}" is treated as matching` });
    }
    const paths = pathClause(config, event.changedFiles);
    if (paths) clauses.push(paths);
  } else if (event.name === 'workflow_run') {
    clauses.push(...workflowRunClauses(config, event));
  } else {
    const unchecked = Object.keys(config).filter((key) => key !== 'types' && key !== 'inputs' && key !== 'outputs' && key !== 'secrets');
    if (unchecked.length)
      clauses.push({
        ok: true,
        verb: false,
        text: `its ${unchecked.map((key) => `"${key}"`).join(', ')} ${unchecked.length === 1 ? 'filter is' : 'filters are'} not checked locally`,
      });
  }
  if (types) clauses.unshift(types);

  const failed = clauses.some((clause) => !clause.ok);
  if (clauses.length === 0) {
    const reason = FILTERED_EVENTS.has(event.name)
      ? `${subject}: the workflow listens for "${event.name}" with no filters`
      : `the workflow listens for "${event.name}"`;
    return { triggers: true, reason };
  }
  return { triggers: !failed, reason: sentence(subject, clauses) };
}

/**
 * workflow_run: `workflows` names the triggering workflow (patterns, as the filter cheat sheet allows for
 * workflow names), `branches`/`branches-ignore` the branch it ran on; both come from the payload.
 */
function workflowRunClauses(config: Config, event: RunEvent): Clause[] {
  const clauses: Clause[] = [];
  if (has(config, 'workflows')) {
    const patterns = patternList(config.workflows);
    if (patterns === undefined) clauses.push({ ok: false, verb: false, text: '"workflows" must be a workflow name or a list of them' });
    else if (event.workflowName === undefined)
      clauses.push({ ok: true, verb: false, text: `the triggering workflow is unknown, so workflows ${quoteList(patterns)} is treated as matching` });
    else {
      const matched = matchFilterList(patterns, event.workflowName, 'branch');
      clauses.push({
        ok: matched,
        verb: false,
        text: `workflow "${event.workflowName}" ${matched ? 'matches' : 'does not match'} workflows ${quoteList(patterns)}`,
      });
    }
  }
  if (has(config, 'branches') || has(config, 'branches-ignore')) {
    if (event.headBranch === undefined) {
      const key = has(config, 'branches') ? 'branches' : 'branches-ignore';
      clauses.push({ ok: true, verb: false, text: `the branch the triggering workflow ran on is unknown, so "${key}" is treated as matching` });
    } else {
      const branch = refClause(config, 'branch', event.headBranch);
      if (branch) clauses.push({ ...branch, verb: false, text: branch.verb ? `its run on "${event.headBranch}" ${branch.text}` : branch.text });
    }
  }
  return clauses;
}

/** GitHub runs scheduled workflows on the latest commit of the default branch only (Events › schedule). */
function scheduleDecision(event: RunEvent): TriggerDecision {
  const branch = event.defaultBranch;
  if (branch === undefined)
    return {
      triggers: true,
      reason:
        'the workflow listens for "schedule"; GitHub runs it only on the default branch, and the default branch is unknown here (no origin/HEAD, main or master)',
    };
  const name = event.ref.replace(/^refs\/(heads|tags)\//, '');
  if (event.ref !== `refs/heads/${branch}`)
    return no(`GitHub runs scheduled workflows only on the default branch (${branch}), not on ${name}; --ref ${branch} runs this copy as ${branch}`);
  return { triggers: true, reason: `the workflow listens for "schedule", and GitHub runs it on the default branch (${branch})` };
}
