import { ShipshapeError } from '../errors';
import type { Value } from '../pipelines/expressions/values';

/** What a user-supplied payload (`--event-file`) says about the event, where it says it. */
export interface PayloadFacts {
  /** pull_request.base.ref: what `branches` filters on and github.base_ref. */
  readonly baseRef?: string;
  /** pull_request.head.ref: github.head_ref. */
  readonly headRef?: string;
  /** `action`: what `types` filters on. */
  readonly activityType?: string;
  /** The pull request number, for github.ref (refs/pull/N/merge). */
  readonly number?: number;
  /** workflow_run: the triggering workflow's name (what `workflows` filters on). */
  readonly workflowName?: string;
  /** workflow_run: the branch the triggering workflow ran on (what `branches` filters on). */
  readonly headBranch?: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

const field = (value: Value | undefined, key: string): Value | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, Value>)[key] : undefined;
const text = (value: Value | undefined): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function payloadFacts(eventName: string, payload: Readonly<Record<string, Value>> | undefined): PayloadFacts {
  if (!payload) return {};
  const facts: { -readonly [K in keyof PayloadFacts]: PayloadFacts[K] } = {};
  const action = text(payload.action);
  if (action) facts.activityType = action;
  if (eventName === 'workflow_run') {
    const name = text(field(payload.workflow_run, 'name'));
    const branch = text(field(payload.workflow_run, 'head_branch'));
    if (name) facts.workflowName = name;
    if (branch) facts.headBranch = branch;
    return facts;
  }
  if (!PULL_REQUEST_EVENTS.has(eventName)) return facts;
  const pullRequest = payload.pull_request;
  const base = text(field(field(pullRequest, 'base'), 'ref'))?.replace(/^refs\/heads\//, '');
  const head = text(field(field(pullRequest, 'head'), 'ref'))?.replace(/^refs\/heads\//, '');
  const number = payload.number ?? field(pullRequest, 'number');
  if (base) facts.baseRef = base;
  if (head) facts.headRef = head;
  if (typeof number === 'number' && Number.isInteger(number) && number > 0) facts.number = number;
  return facts;
}

/**
 * The base branch and activity type the event is for: the flags', else the payload's. A flag that
 * contradicts the payload is a usage error, since the run would otherwise see two answers
 * (github.base_ref against github.event.pull_request.base.ref).
 */
export function eventFacts(
  eventName: string,
  flags: { readonly baseRef?: string; readonly activityType?: string },
  payload: Readonly<Record<string, Value>> | undefined,
): { baseRef?: string; activityType?: string; workflowName?: string; headBranch?: string } {
  const facts = payloadFacts(eventName, payload);
  const pick = (flag: string | undefined, given: string | undefined, option: string, where: string): string | undefined => {
    if (flag !== undefined && given !== undefined && flag !== given)
      throw new ShipshapeError('usage', `${option} ${flag} contradicts the event file's ${where} "${given}".`, `Drop ${option}, or change the event file.`);
    return flag ?? given;
  };
  const baseRef = pick((flags.baseRef || undefined)?.replace(/^refs\/heads\//, ''), facts.baseRef, '--base', 'pull_request.base.ref');
  const activityType = pick(flags.activityType || undefined, facts.activityType, '--type', 'action');
  return {
    ...(baseRef ? { baseRef } : {}),
    ...(activityType ? { activityType } : {}),
    ...(facts.workflowName ? { workflowName: facts.workflowName } : {}),
    ...(facts.headBranch ? { headBranch: facts.headBranch } : {}),
  };
}
