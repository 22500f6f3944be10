/**
 * Where each context and special function may be used: GitHub's "Context availability" table
 * (Contexts reference), one entry per row. The supported key strings are exactly the rows:
 *
 *   run-name                                      concurrency
 *   env                                           on.workflow_call.inputs.<inputs_id>.default
 *   on.workflow_call.outputs.<output_id>.value    jobs.<job_id>.concurrency
 *   jobs.<job_id>.container                       jobs.<job_id>.container.credentials
 *   jobs.<job_id>.container.env.<env_id>          jobs.<job_id>.container.image
 *   jobs.<job_id>.continue-on-error               jobs.<job_id>.defaults.run
 *   jobs.<job_id>.env                             jobs.<job_id>.environment
 *   jobs.<job_id>.environment.url                 jobs.<job_id>.if
 *   jobs.<job_id>.name                            jobs.<job_id>.outputs.<output_id>
 *   jobs.<job_id>.runs-on                         jobs.<job_id>.secrets.<secrets_id>
 *   jobs.<job_id>.services                        jobs.<job_id>.services.<service_id>.credentials
 *   jobs.<job_id>.services.<service_id>.env.<env_id>
 *   jobs.<job_id>.steps.continue-on-error         jobs.<job_id>.steps.env
 *   jobs.<job_id>.steps.if                        jobs.<job_id>.steps.name
 *   jobs.<job_id>.steps.run                       jobs.<job_id>.steps.timeout-minutes
 *   jobs.<job_id>.steps.with                      jobs.<job_id>.steps.working-directory
 *   jobs.<job_id>.strategy                        jobs.<job_id>.timeout-minutes
 *   jobs.<job_id>.with.<with_id>
 *
 * A key with real ids in place of the `<...>` placeholders (`jobs.build.outputs.version`)
 * finds the same row.
 */

export interface Availability {
  /** Lowercase context names usable here. */
  readonly contexts: readonly string[];
  /** Special functions usable here (always, cancelled, failure, hashFiles, success). */
  readonly functions: readonly string[];
}

const WORKFLOW = ['github', 'inputs', 'vars'];
const JOB_LEVEL = ['github', 'inputs', 'matrix', 'needs', 'strategy', 'vars'];
const STEP_LEVEL = ['env', 'github', 'inputs', 'job', 'matrix', 'needs', 'runner', 'secrets', 'steps', 'strategy', 'vars'];
const STEP_IF = STEP_LEVEL.filter((name) => name !== 'secrets');
const CONTAINER_ENV = STEP_LEVEL.filter((name) => name !== 'steps');
const CREDENTIALS = ['env', 'github', 'inputs', 'matrix', 'needs', 'secrets', 'strategy', 'vars'];
const STATUS = ['always', 'cancelled', 'failure', 'success'];

const row = (contexts: readonly string[], functions: readonly string[] = []): Availability => ({ contexts, functions });

export const AVAILABILITY: Readonly<Record<string, Availability>> = {
  'run-name': row(WORKFLOW),
  concurrency: row(WORKFLOW),
  env: row(['github', 'inputs', 'secrets', 'vars']),
  'on.workflow_call.inputs.<inputs_id>.default': row(WORKFLOW),
  'on.workflow_call.outputs.<output_id>.value': row(['github', 'inputs', 'jobs', 'vars']),
  'jobs.<job_id>.concurrency': row(JOB_LEVEL),
  'jobs.<job_id>.container': row(JOB_LEVEL),
  'jobs.<job_id>.container.credentials': row(CREDENTIALS),
  'jobs.<job_id>.container.env.<env_id>': row(CONTAINER_ENV),
  'jobs.<job_id>.container.image': row(JOB_LEVEL),
  'jobs.<job_id>.continue-on-error': row(JOB_LEVEL),
  'jobs.<job_id>.defaults.run': row(['env', 'github', 'inputs', 'matrix', 'needs', 'strategy', 'vars']),
  'jobs.<job_id>.env': row(['github', 'inputs', 'matrix', 'needs', 'secrets', 'strategy', 'vars']),
  'jobs.<job_id>.environment': row(JOB_LEVEL),
  'jobs.<job_id>.environment.url': row(STEP_IF),
  'jobs.<job_id>.if': row(['github', 'inputs', 'needs', 'vars'], STATUS),
  'jobs.<job_id>.name': row(JOB_LEVEL),
  'jobs.<job_id>.outputs.<output_id>': row(STEP_LEVEL),
  'jobs.<job_id>.runs-on': row(JOB_LEVEL),
  'jobs.<job_id>.secrets.<secrets_id>': row(['github', 'inputs', 'matrix', 'needs', 'secrets', 'strategy', 'vars']),
  'jobs.<job_id>.services': row(JOB_LEVEL),
  'jobs.<job_id>.services.<service_id>.credentials': row(CREDENTIALS),
  'jobs.<job_id>.services.<service_id>.env.<env_id>': row(CONTAINER_ENV),
  'jobs.<job_id>.steps.continue-on-error': row(STEP_LEVEL, ['hashFiles']),
  'jobs.<job_id>.steps.env': row(STEP_LEVEL, ['hashFiles']),
  'jobs.<job_id>.steps.if': row(STEP_IF, [...STATUS, 'hashFiles']),
  'jobs.<job_id>.steps.name': row(STEP_LEVEL, ['hashFiles']),
  'jobs.<job_id>.steps.run': row(STEP_LEVEL, ['hashFiles']),
  'jobs.<job_id>.steps.timeout-minutes': row(STEP_LEVEL, ['hashFiles']),
  'jobs.<job_id>.steps.with': row(STEP_LEVEL, ['hashFiles']),
  'jobs.<job_id>.steps.working-directory': row(STEP_LEVEL, ['hashFiles']),
  'jobs.<job_id>.strategy': row(['github', 'inputs', 'needs', 'vars']),
  'jobs.<job_id>.timeout-minutes': row(JOB_LEVEL),
  'jobs.<job_id>.with.<with_id>': row(JOB_LEVEL),
};

const ROWS = Object.entries(AVAILABILITY).map(([key, availability]) => ({ segments: key.split('.'), availability }));

/** The contexts and special functions GitHub allows at a workflow key, or undefined for a key not in the table. */
export function availabilityAt(keyPath: string): Availability | undefined {
  const exact = AVAILABILITY[keyPath];
  if (exact && Object.prototype.hasOwnProperty.call(AVAILABILITY, keyPath)) return exact;
  const segments = keyPath.split('.');
  for (const candidate of ROWS) {
    if (candidate.segments.length !== segments.length) continue;
    if (candidate.segments.every((part, i) => part === segments[i] || (part.startsWith('<') && part.endsWith('>') && (segments[i] ?? '') !== ''))) {
      return candidate.availability;
    }
  }
  return undefined;
}

/** The special functions, lowercase, each with the keys where GitHub allows it. */
export const SPECIAL_FUNCTIONS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [key, availability] of Object.entries(AVAILABILITY)) {
    for (const name of availability.functions) {
      const list = map.get(name.toLowerCase()) ?? [];
      list.push(key);
      map.set(name.toLowerCase(), list);
    }
  }
  return map;
})();
