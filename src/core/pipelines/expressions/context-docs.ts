import { CONTEXTS_URL, EXPRESSIONS_URL, WEBHOOK_PAYLOADS_URL } from '../github/data/docs-sections';
import { PAYLOAD_FIELDS } from './payload-docs';

/** Short documentation for hovers inside `${{ }}`, from GitHub's contexts and expressions reference. */
export const CONTEXT_DOCS: Readonly<Record<string, string>> = {
  github: 'Information about the workflow run and the event that triggered it.',
  env: 'Variables set with env: in the workflow, job or step (and by earlier steps through $GITHUB_ENV).',
  vars: 'Configuration variables of the repository, environment or organisation.',
  job: 'Information about the current job: status, container, services.',
  jobs: 'In a reusable workflow: the results and outputs of its jobs.',
  steps: 'Outputs, outcome and conclusion of earlier steps with an id in this job.',
  runner: 'The runner executing the job: name, os, arch, temp and tool_cache folders.',
  secrets: 'Secrets available to this run; GITHUB_TOKEN is always there.',
  strategy: 'The matrix strategy of the job: fail-fast, job-index, job-total, max-parallel.',
  matrix: 'The matrix values of this job run.',
  needs: 'Outputs and results of the jobs this job needs.',
  inputs: 'Inputs of a reusable workflow, a manually dispatched workflow or a composite action.',
  'github.sha': 'The commit SHA that triggered the workflow.',
  'github.ref': 'The fully-formed ref that triggered the run, e.g. refs/heads/main or refs/pull/1/merge.',
  'github.ref_name': 'The short ref name of the branch or tag that triggered the run.',
  'github.event_name': 'The name of the event that triggered the run.',
  'github.event': 'The full webhook payload of the event.',
  'github.actor': 'The user that triggered the initial run.',
  'github.repository': 'The owner and repository name, e.g. octocat/Hello-World.',
  'github.run_id': 'A unique number for each workflow run in the repository.',
  'github.run_number': 'A number for each run of this workflow, starting at 1.',
  'github.workspace': 'The default working directory of steps on the runner.',
  'github.token': 'The GITHUB_TOKEN of this run (same as secrets.GITHUB_TOKEN).',
  'github.head_ref': 'The source branch of a pull request (pull_request and pull_request_target only). Untrusted input.',
  'github.base_ref': 'The target branch of a pull request.',
  'runner.os': 'The OS of the runner: Linux, Windows or macOS.',
  'runner.temp': 'A temporary folder, emptied at the start and end of each job.',
  'job.status': 'The current status of the job: success, failure or cancelled.',
  'runner.arch': 'The architecture of the runner: X86, X64, ARM or ARM64.',
  'runner.name': 'The name of the runner executing the job.',
  'runner.tool_cache': 'The folder of the preinstalled tools on GitHub-hosted runners.',
  'github.workflow': 'The name of the workflow (its file path when it has no name).',
  'github.job': 'The id of the current job.',
  'github.run_attempt': 'A number for each attempt of this run, starting at 1.',
  'github.triggering_actor': 'The user that started this run attempt (differs from actor on a re-run).',
  'github.event_path': 'The path of the file with the full webhook payload on the runner.',
  'github.repository_owner': 'The owner of the repository, e.g. octocat.',
  'github.server_url': 'The URL of the GitHub server, e.g. https://github.com.',
  // `*`: any id or key the workflow chooses.
  'steps.*': 'A step of this job with this id, run before the current one: outputs, outcome, conclusion.',
  'steps.*.outputs': 'The outputs the step set (echo "name=value" >> "$GITHUB_OUTPUT").',
  'steps.*.outputs.*': 'One output of the step; an empty string when the step did not set it.',
  'steps.*.outcome': 'The result of the step before continue-on-error: success, failure, cancelled or skipped.',
  'steps.*.conclusion': 'The result of the step after continue-on-error: success, failure, cancelled or skipped.',
  'needs.*': 'A job this job needs: result and outputs.',
  'needs.*.result': 'The result of the needed job: success, failure, cancelled or skipped.',
  'needs.*.outputs': 'The outputs the needed job declared under outputs:.',
  'needs.*.outputs.*': 'One output of the needed job; an empty string when it was not set.',
  'jobs.*.result': 'In a reusable workflow: the result of one of its jobs.',
  'jobs.*.outputs': 'In a reusable workflow: the outputs of one of its jobs.',
  'matrix.*': "This leg's value of a matrix dimension (or of an include: key).",
  'secrets.*': 'A secret of the repository, environment or organisation; an empty string when it is not set.',
  'vars.*': 'A configuration variable; an empty string when it is not set.',
  'env.*': 'A variable from env: of the workflow, job or step, or from $GITHUB_ENV.',
  'inputs.*': 'One input of the reusable workflow, dispatch or composite action, typed as declared.',
  'strategy.job-index': 'The index of this leg in the matrix, from 0.',
  'strategy.job-total': 'The number of legs in the matrix.',
};

export const FUNCTION_DOCS: Readonly<Record<string, string>> = {
  contains: 'contains(search, item): true when the string or array search contains item (case-insensitive).',
  startswith: 'startsWith(searchString, searchValue): true when the string starts with the value (case-insensitive).',
  endswith: 'endsWith(searchString, searchValue): true when the string ends with the value (case-insensitive).',
  format: "format(string, replaceValue0, ...): replaces {0}, {1}... in the string; '{{' and '}}' print braces.",
  join: "join(array, separator): the array's items joined; separator defaults to ','.",
  tojson: 'toJSON(value): the value as pretty-printed JSON.',
  fromjson: 'fromJSON(value): parses a JSON string into an object or value.',
  hashfiles: 'hashFiles(path, ...): a SHA-256 over the files matching the patterns.',
  success: 'success(): true when no previous step (or needed job) failed or was cancelled. The default of if:.',
  always: 'always(): always true, even when cancelled.',
  cancelled: 'cancelled(): true when the workflow was cancelled.',
  failure: 'failure(): true when a previous step (or a needed job) failed.',
};

export interface ContextPathDoc {
  /** The path documented: the one asked for, or its nearest documented ancestor (as written). */
  readonly path: string;
  readonly exact: boolean;
  readonly doc: string;
  /** For `github.event.*`: the events whose payload has it (empty: most events). */
  readonly events?: readonly string[];
  readonly untrusted?: boolean;
  readonly link: string;
}

/** The entry of `table` for `segments`: keys are dotted paths, `*` stands for any one segment; case-insensitive as contexts are. */
function lookUp<T>(table: Readonly<Record<string, T>>, segments: readonly string[]): T | undefined {
  const exact = table[segments.join('.').toLowerCase()];
  if (exact !== undefined) return exact;
  const found = Object.keys(table).find((key) => {
    const parts = key.split('.');
    return parts.length === segments.length && parts.every((part, i) => part === '*' || part === segments[i]?.toLowerCase());
  });
  return found === undefined ? undefined : table[found];
}

/**
 * The documentation of the deepest known property of a context path (`github.event.head_commit.message`):
 * the path's own when known, else its nearest documented ancestor's (`exact: false`).
 */
export function describeContextPath(path: string): ContextPathDoc | undefined {
  const segments = path.split('.');
  for (let length = segments.length; length > 0; length--) {
    const prefix = segments.slice(0, length);
    const written = prefix.join('.');
    const exact = length === segments.length;
    const isEvent = prefix[0]?.toLowerCase() === 'github' && prefix[1]?.toLowerCase() === 'event' && prefix.length > 2;
    if (isEvent) {
      const field = lookUp(PAYLOAD_FIELDS, prefix.slice(2));
      if (field)
        return {
          path: written,
          exact,
          doc: field.doc,
          events: field.events,
          untrusted: field.untrusted === true,
          link: `${WEBHOOK_PAYLOADS_URL}${field.events[0] ? `#${field.events[0]}` : ''}`,
        };
      continue;
    }
    const doc = lookUp(CONTEXT_DOCS, prefix);
    if (doc) return { path: written, exact, doc, link: `${CONTEXTS_URL}#${prefix[0]?.toLowerCase()}-context` };
  }
  return undefined;
}

/** A function's documentation and its section of the expressions reference. */
export function describeFunction(name: string): { doc: string; link: string } | undefined {
  const doc = FUNCTION_DOCS[name.toLowerCase()];
  return doc ? { doc, link: `${EXPRESSIONS_URL}#${name.toLowerCase()}` } : undefined;
}
