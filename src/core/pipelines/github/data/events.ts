import { didYouMean, quoteList, type DataProblem } from './suggest';

/**
 * The events that can trigger a workflow, from GitHub's "Events that trigger
 * workflows" and "Workflow syntax" pages (2026).
 */
export interface EventSpec {
  /**
   * The activity types `types:` may list; `custom` when any name is allowed
   * (repository_dispatch's event_type); undefined when the event has none.
   */
  readonly types: readonly string[] | 'custom' | undefined;
  /** The types that trigger a run when `types:` is left out, if not all of them. */
  readonly defaultTypes?: readonly string[];
  /** Keys that may appear under the event besides `types` (filters, inputs, ...). */
  readonly keys: readonly string[];
  /** `schedule` is a list of `{ cron, timezone? }`, not a mapping. */
  readonly shape: 'mapping' | 'list';
  readonly note?: string;
}

const PULL_REQUEST_TYPES = [
  'assigned',
  'unassigned',
  'labeled',
  'unlabeled',
  'opened',
  'edited',
  'closed',
  'reopened',
  'synchronize',
  'converted_to_draft',
  'locked',
  'unlocked',
  'enqueued',
  'dequeued',
  'milestoned',
  'demilestoned',
  'ready_for_review',
  'review_requested',
  'review_request_removed',
  'auto_merge_enabled',
  'auto_merge_disabled',
] as const;
const PULL_REQUEST_DEFAULT_TYPES = ['opened', 'synchronize', 'reopened'] as const;
const CREATED_EDITED_DELETED = ['created', 'edited', 'deleted'] as const;

const BRANCH_FILTERS = ['branches', 'branches-ignore'] as const;
const PATH_FILTERS = ['paths', 'paths-ignore'] as const;
const TAG_FILTERS = ['tags', 'tags-ignore'] as const;

/** Filters GitHub documents as pairs that cannot be combined on one event. */
export const EXCLUSIVE_FILTERS: readonly (readonly [string, string])[] = [
  ['branches', 'branches-ignore'],
  ['tags', 'tags-ignore'],
  ['paths', 'paths-ignore'],
];

const simple = (note?: string): EventSpec => ({ types: undefined, keys: [], shape: 'mapping', ...(note ? { note } : {}) });
const typed = (types: readonly string[], note?: string): EventSpec => ({ types, keys: [], shape: 'mapping', ...(note ? { note } : {}) });

export const WEBHOOK_EVENTS: Readonly<Record<string, EventSpec>> = {
  branch_protection_rule: typed(CREATED_EDITED_DELETED),
  check_run: typed(['created', 'rerequested', 'completed', 'requested_action']),
  check_suite: typed(['completed']),
  create: simple('Runs when a branch or tag is created; it takes no filters, so check github.ref_type in a condition instead.'),
  delete: simple('Runs when a branch or tag is deleted; it takes no filters.'),
  deployment: simple(),
  deployment_status: simple(),
  discussion: typed([
    'created',
    'edited',
    'deleted',
    'transferred',
    'pinned',
    'unpinned',
    'labeled',
    'unlabeled',
    'locked',
    'unlocked',
    'category_changed',
    'answered',
    'unanswered',
  ]),
  discussion_comment: typed(CREATED_EDITED_DELETED),
  fork: simple(),
  gollum: simple(),
  image_version: { types: undefined, keys: ['names', 'versions'], shape: 'mapping', note: 'Filters by image names and versions (glob patterns).' },
  issue_comment: typed(CREATED_EDITED_DELETED),
  issues: typed([
    'opened',
    'edited',
    'deleted',
    'transferred',
    'pinned',
    'unpinned',
    'closed',
    'reopened',
    'assigned',
    'unassigned',
    'labeled',
    'unlabeled',
    'locked',
    'unlocked',
    'milestoned',
    'demilestoned',
    'field_added',
    'field_removed',
    'typed',
    'untyped',
  ]),
  label: typed(CREATED_EDITED_DELETED),
  merge_group: { types: ['checks_requested'], keys: [...BRANCH_FILTERS], shape: 'mapping' },
  milestone: typed(['created', 'closed', 'opened', 'edited', 'deleted']),
  page_build: simple(),
  project: typed(['created', 'closed', 'reopened', 'edited', 'deleted'], 'Projects (classic) only.'),
  project_card: typed(['created', 'moved', 'converted', 'edited', 'deleted'], 'Projects (classic) only.'),
  project_column: typed(['created', 'updated', 'moved', 'deleted'], 'Projects (classic) only.'),
  public: simple(),
  pull_request: {
    types: PULL_REQUEST_TYPES,
    defaultTypes: PULL_REQUEST_DEFAULT_TYPES,
    keys: [...BRANCH_FILTERS, ...PATH_FILTERS],
    shape: 'mapping',
    note: 'Branch filters match the base branch of the pull request.',
  },
  pull_request_review: typed(['submitted', 'edited', 'dismissed']),
  pull_request_review_comment: typed(CREATED_EDITED_DELETED),
  pull_request_target: {
    types: PULL_REQUEST_TYPES,
    defaultTypes: PULL_REQUEST_DEFAULT_TYPES,
    keys: [...BRANCH_FILTERS, ...PATH_FILTERS],
    shape: 'mapping',
    note: 'Runs with the base repository’s token and secrets; never build untrusted pull request code here.',
  },
  push: { types: undefined, keys: [...BRANCH_FILTERS, ...TAG_FILTERS, ...PATH_FILTERS], shape: 'mapping' },
  registry_package: typed(['published', 'updated']),
  release: typed(['published', 'unpublished', 'created', 'edited', 'deleted', 'prereleased', 'released']),
  repository_dispatch: { types: 'custom', keys: [], shape: 'mapping', note: 'Types are the event_type values sent through the API (up to 100 characters).' },
  schedule: {
    types: undefined,
    keys: ['cron', 'timezone'],
    shape: 'list',
    note: 'A list of { cron, timezone? } entries; times are UTC unless timezone is set.',
  },
  status: simple(),
  watch: typed(['started']),
  workflow_call: { types: undefined, keys: ['inputs', 'outputs', 'secrets'], shape: 'mapping' },
  workflow_dispatch: { types: undefined, keys: ['inputs'], shape: 'mapping' },
  workflow_run: { types: ['completed', 'requested', 'in_progress'], keys: ['workflows', ...BRANCH_FILTERS], shape: 'mapping' },
};

/** Names people reach for that are not workflow events, with what to use instead. */
const NOT_EVENTS: Readonly<Record<string, string>> = {
  pull_request_comment: 'Comments on pull requests arrive as the "issue_comment" event.',
  pr: 'Use "pull_request".',
  tag: 'Pushed tags arrive as the "push" event; filter them with "tags".',
  tags: 'Pushed tags arrive as the "push" event; filter them with "tags".',
  cron: 'Schedules go under "schedule" as a list of { cron: ... }.',
  manual: 'Manual runs use "workflow_dispatch".',
};

export const WORKFLOW_DISPATCH_INPUT_TYPES = ['boolean', 'choice', 'number', 'environment', 'string'] as const;
export const WORKFLOW_CALL_INPUT_TYPES = ['boolean', 'number', 'string'] as const;
/** Keys each input, output or secret definition may have. */
export const DEFINITION_KEYS: Readonly<Record<string, readonly string[]>> = {
  'workflow_dispatch.inputs': ['description', 'required', 'default', 'type', 'options'],
  'workflow_call.inputs': ['description', 'required', 'default', 'type'],
  'workflow_call.outputs': ['description', 'value'],
  'workflow_call.secrets': ['description', 'required'],
};
export const SCHEDULE_ENTRY_KEYS = ['cron', 'timezone'] as const;

const EVENT_NAMES = Object.keys(WEBHOOK_EVENTS);
const isExpression = (text: string): boolean => text.includes('${{');

/** Problems with an event name under `on:`. */
export function checkEventName(event: string): DataProblem[] {
  if (Object.prototype.hasOwnProperty.call(WEBHOOK_EVENTS, event)) return [];
  const instead = NOT_EVENTS[event.toLowerCase()];
  const hint = instead ? ` ${instead}` : didYouMean(event, EVENT_NAMES);
  return [{ message: `Unknown event "${event}".${hint}`, severity: 'error', start: 0, end: event.length }];
}

/**
 * Problems with the activity types listed under `on.<event>.types`.
 * Unknown events (see checkEventName) and events without activity types
 * (see checkEventFilters) yield none here.
 */
export function checkEventTypes(event: string, types: readonly string[]): DataProblem[] {
  const spec = WEBHOOK_EVENTS[event];
  if (!spec) return [];
  // A `types:` key on an event without activity types is reported once, by checkEventFilters.
  const known = spec.types;
  if (known === undefined) return [];
  const problems: DataProblem[] = [];
  const seen = new Set<string>();
  types.forEach((type, index) => {
    if (isExpression(type)) return;
    if (seen.has(type)) problems.push({ message: `Activity type "${type}" is listed twice.`, severity: 'warning', index });
    seen.add(type);
    if (known === 'custom') {
      if (type.trim() === '') problems.push({ message: `An empty activity type never matches a "${event}" event.`, severity: 'error', index });
      else if (type.length > 100)
        problems.push({ message: `"${event}" event types are at most 100 characters; this one has ${type.length}.`, severity: 'error', index });
      return;
    }
    if (!known.includes(type)) {
      const hint = didYouMean(type, known) || ` It accepts ${quoteList(known)}.`;
      problems.push({ message: `Unknown activity type "${type}" for "${event}".${hint}`, severity: 'error', index });
    }
  });
  return problems;
}

/**
 * Problems with the keys under `on.<event>:` other than `types`
 * (filters, inputs, ...): keys the event does not take, exclusive pairs,
 * and keys an event needs.
 */
export function checkEventFilters(event: string, filterKeys: readonly string[]): DataProblem[] {
  const spec = WEBHOOK_EVENTS[event];
  if (!spec) return [];
  const problems: DataProblem[] = [];
  const present = new Set(filterKeys);
  const accepted = spec.types === undefined ? spec.keys : ['types', ...spec.keys];
  if (spec.shape === 'list') {
    if (filterKeys.length > 0) {
      problems.push({ message: `"${event}" takes a list of { cron, timezone? } entries, not a mapping.`, severity: 'error' });
    }
    return problems;
  }
  for (const key of filterKeys) {
    if (accepted.includes(key)) continue;
    if (key === 'types' && spec.types === undefined) {
      problems.push({ message: `The "${event}" event has no activity types; remove "types".`, severity: 'error', key });
    } else if (accepted.length === 0) {
      problems.push({ message: `The "${event}" event takes no filters; "${key}" is not allowed here.`, severity: 'error', key });
    } else {
      const hint = didYouMean(key, accepted) || ` It accepts ${quoteList(accepted)}.`;
      problems.push({ message: `The "${event}" event does not take "${key}".${hint}`, severity: 'error', key });
    }
  }
  for (const [include, ignore] of EXCLUSIVE_FILTERS) {
    if (present.has(include) && present.has(ignore)) {
      problems.push({
        message: `"${include}" and "${ignore}" cannot both be set for "${event}"; keep "${include}" and exclude with "!" patterns.`,
        severity: 'error',
        key: ignore,
      });
    }
  }
  if (event === 'workflow_run' && !present.has('workflows')) {
    problems.push({ message: 'The "workflow_run" event needs "workflows": the names of the workflows to follow.', severity: 'error', key: 'workflows' });
  }
  return problems;
}

/** Problems with the keys of one `schedule` entry. */
export function checkScheduleEntryKeys(keys: readonly string[]): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const key of keys) {
    if ((SCHEDULE_ENTRY_KEYS as readonly string[]).includes(key)) continue;
    problems.push({
      message: `A schedule entry takes "cron" and "timezone"; "${key}" is not allowed.${didYouMean(key, SCHEDULE_ENTRY_KEYS)}`,
      severity: 'error',
      key,
    });
  }
  if (!keys.includes('cron')) problems.push({ message: 'A schedule entry needs "cron".', severity: 'error', key: 'cron' });
  return problems;
}

/** Problems with `type:` of a workflow_dispatch or workflow_call input. */
export function checkInputType(event: 'workflow_dispatch' | 'workflow_call', type: string): DataProblem[] {
  const allowed: readonly string[] = event === 'workflow_dispatch' ? WORKFLOW_DISPATCH_INPUT_TYPES : WORKFLOW_CALL_INPUT_TYPES;
  if (allowed.includes(type)) return [];
  const hint = didYouMean(type, allowed) || ` It must be ${quoteList(allowed, 'or')}.`;
  return [{ message: `Input type "${type}" is not valid for "${event}".${hint}`, severity: 'error', start: 0, end: type.length }];
}
