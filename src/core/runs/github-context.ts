import type { Value } from '../pipelines/expressions/values';
import { asText } from './evaluate-values';
import { payloadFacts } from './event-file';
import type { RunEvent } from './triggers';
import type { HeadCommit } from './run-git';

/** What the run knows about the repository and the moment, gathered by the caller (git, clock). */
export interface RunSubject {
  readonly event: RunEvent;
  /** The commit that runs. */
  readonly sha: string;
  /** owner/name, from the origin remote when there is one. */
  readonly repository: string;
  readonly actor: string;
  /** workflow_dispatch / workflow_call inputs, as given (strings). */
  readonly inputs: Readonly<Record<string, string>>;
  /** A user-supplied payload (`--event-file`); merged over the one we make. */
  readonly payload?: Readonly<Record<string, Value>>;
  readonly runId: string;
  readonly runNumber: number;
  /** The workflow's `name:`, else its path (github.workflow), and its path in the repository (github.workflow_ref). */
  readonly workflow?: { readonly name: string; readonly path: string };
  /** The pushed commit as git has it (a push payload's head_commit). */
  readonly headCommit?: HeadCommit;
  /** A pull request's base branch commit, when git has that branch (pull_request.base.sha). */
  readonly baseSha?: string;
  /** What the branch's upstream is at (a push's `before`), when it has one and it is not the pushed commit. */
  readonly before?: string;
  /** The repository's default branch when git can say (origin's HEAD, else main or master). */
  readonly defaultBranch?: string;
}

const shortRef = (ref: string): string => ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\/(\d+)\/merge$/, '$1/merge');

/** The event payload GitHub would send, reduced to the fields workflows commonly read. */
export function eventPayload(subject: RunSubject, workflowInputs: Readonly<Record<string, Value>>): Record<string, Value> {
  const { event, sha, repository } = subject;
  const [owner = '', name = ''] = repository.split('/');
  const repo: Record<string, Value> = { full_name: repository, name, owner: { login: owner }, default_branch: subject.defaultBranch ?? 'main' };
  let payload: Record<string, Value> = { repository: repo, sender: { login: subject.actor } };
  if (event.name === 'push') {
    // The pushed commit as GitHub describes it (message, date, tree, author, committer), when git could say.
    const head = subject.headCommit;
    const commit: Record<string, Value> = head
      ? {
          id: sha,
          tree_id: head.tree_id,
          distinct: true,
          message: head.message,
          timestamp: head.timestamp,
          author: { ...head.author },
          committer: { ...head.committer },
        }
      : { id: sha };
    payload = {
      ...payload,
      ref: event.ref,
      after: sha,
      // What the remote branch was at; all zeros (a new branch) when there is no upstream.
      before: subject.before ?? '0000000000000000000000000000000000000000',
      head_commit: commit,
      commits: head ? [commit] : [],
      pusher: { name: subject.actor, ...(head ? { email: head.committer.email } : {}) },
      created: subject.before === undefined,
      deleted: false,
      forced: false,
    };
  } else if (event.name === 'pull_request' || event.name === 'pull_request_target') {
    const base = event.baseRef ?? subject.defaultBranch ?? 'main';
    payload = {
      ...payload,
      action: event.activityType ?? 'opened',
      number: 1,
      pull_request: {
        number: 1,
        head: { ref: shortRef(event.ref), sha },
        base: { ref: base, sha: subject.baseSha ?? sha },
        draft: false,
        merged: false,
        labels: [],
        title: 'Local run',
      },
    };
  } else if (event.name === 'workflow_dispatch') {
    // The payload holds every input as a string (docs, Contexts › inputs); only the `inputs` context keeps booleans and numbers typed.
    const inputs = Object.fromEntries(Object.entries(workflowInputs).map(([name, value]) => [name, asText(value)]));
    payload = { ...payload, ref: event.ref, inputs, workflow: subject.workflow?.path ?? '' };
  } else if (event.activityType) {
    payload = { ...payload, action: event.activityType };
  }
  return { ...payload, ...(subject.payload ?? {}) };
}

/**
 * The `github` context for one job. Values follow the runner's: ref_name is the short name,
 * head_ref/base_ref are set for pull requests only, workspace is the isolated copy.
 */
export function githubContext(subject: RunSubject, job: string, workspace: string, payload: Record<string, Value>): Record<string, Value> {
  const { event } = subject;
  const isPullRequest = event.name === 'pull_request' || event.name === 'pull_request_target';
  const [owner = ''] = subject.repository.split('/');
  // The pull request's own branches and number, as the payload (made or given) holds them.
  const pr = payloadFacts(event.name, payload);
  const merge = `${pr.number ?? 1}/merge`;
  return {
    event_name: event.name,
    event: payload,
    ref: isPullRequest ? `refs/pull/${merge}` : event.ref,
    ref_name: isPullRequest ? merge : shortRef(event.ref),
    ref_type: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    ref_protected: false,
    head_ref: isPullRequest ? (pr.headRef ?? shortRef(event.ref)) : '',
    base_ref: isPullRequest ? (pr.baseRef ?? event.baseRef ?? subject.defaultBranch ?? 'main') : '',
    sha: subject.sha,
    repository: subject.repository,
    repository_owner: owner,
    repositoryUrl: `git://github.com/${subject.repository}.git`,
    actor: subject.actor,
    triggering_actor: subject.actor,
    run_id: subject.runId,
    run_number: String(subject.runNumber),
    run_attempt: '1',
    job,
    workspace,
    action: '',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    graphql_url: 'https://api.github.com/graphql',
    // Its name, else its path (docs, Contexts › github.workflow); the ref names the file at the ref that runs.
    workflow: subject.workflow?.name ?? '',
    workflow_ref: subject.workflow ? `${subject.repository}/${subject.workflow.path}@${isPullRequest ? `refs/pull/${merge}` : event.ref}` : '',
    workflow_sha: subject.sha,
    retention_days: '90',
    token: '',
    secret_source: 'None',
  };
}

/** The default GITHUB_* variables every step sees, from the github context. */
export function defaultGithubEnv(github: Readonly<Record<string, Value>>, eventPath: string, workflowName: string): Record<string, string> {
  const text = (key: string): string => asText(github[key]);
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKFLOW: workflowName,
    GITHUB_RUN_ID: text('run_id'),
    GITHUB_RUN_NUMBER: text('run_number'),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: text('job'),
    GITHUB_ACTION: text('action'),
    GITHUB_ACTOR: text('actor'),
    GITHUB_TRIGGERING_ACTOR: text('actor'),
    GITHUB_REPOSITORY: text('repository'),
    GITHUB_REPOSITORY_OWNER: text('repository_owner'),
    GITHUB_EVENT_NAME: text('event_name'),
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: text('workspace'),
    GITHUB_SHA: text('sha'),
    GITHUB_REF: text('ref'),
    GITHUB_REF_NAME: text('ref_name'),
    GITHUB_REF_TYPE: text('ref_type'),
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_HEAD_REF: text('head_ref'),
    GITHUB_BASE_REF: text('base_ref'),
    GITHUB_SERVER_URL: text('server_url'),
    GITHUB_API_URL: text('api_url'),
    GITHUB_GRAPHQL_URL: text('graphql_url'),
    GITHUB_RETENTION_DAYS: '90',
  };
}
