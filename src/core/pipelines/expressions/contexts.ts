/**
 * The types of the contexts GitHub documents ("Contexts reference"). Contexts whose shape depends
 * on the workflow (matrix, steps, needs, inputs, jobs) get the loosest type that is still true;
 * a caller that knows more passes its own types in CheckScope.contexts.
 */
import { boolType, looseObject, mapOf, numberType, strictObject, stringType, type ExprType } from './types';

const githubContext = strictObject({
  action: stringType,
  action_path: stringType,
  action_ref: stringType,
  action_repository: stringType,
  action_status: stringType,
  actor: stringType,
  actor_id: stringType,
  api_url: stringType,
  base_ref: stringType,
  env: stringType,
  // The webhook payload differs per event: any property may be there.
  event: looseObject(),
  event_name: stringType,
  event_path: stringType,
  graphql_url: stringType,
  head_ref: stringType,
  job: stringType,
  // Documented ("Contexts reference", the OIDC custom-claims versions); empty in a run's github context (actions/runner#2417).
  job_workflow_sha: stringType,
  path: stringType,
  ref: stringType,
  ref_name: stringType,
  ref_protected: boolType,
  ref_type: stringType,
  repository: stringType,
  repository_id: stringType,
  repository_owner: stringType,
  repository_owner_id: stringType,
  repositoryUrl: stringType,
  retention_days: numberType,
  run_attempt: stringType,
  run_id: stringType,
  run_number: stringType,
  secret_source: stringType,
  server_url: stringType,
  sha: stringType,
  token: stringType,
  triggering_actor: stringType,
  workflow: stringType,
  workflow_ref: stringType,
  workflow_sha: stringType,
  workspace: stringType,
  // Undocumented but set on every run (actionlint accepts them too).
  artifact_cache_size_limit: numberType,
  output: stringType,
  repository_visibility: stringType,
  state: stringType,
  step_summary: stringType,
});

const runnerContext = strictObject({
  name: stringType,
  os: stringType,
  arch: stringType,
  temp: stringType,
  tool_cache: stringType,
  debug: stringType,
  environment: stringType,
  // Undocumented but present on every runner (github/docs#32443).
  workspace: stringType,
});

const jobContext = strictObject({
  check_run_id: numberType,
  container: strictObject({ id: stringType, network: stringType }),
  services: mapOf(strictObject({ id: stringType, network: stringType, ports: mapOf(stringType) })),
  status: stringType,
});

const strategyContext = strictObject({
  'fail-fast': boolType,
  'job-index': numberType,
  'job-total': numberType,
  'max-parallel': numberType,
});

/** One entry of `steps`: what every step has. */
export const stepType = strictObject({ outputs: mapOf(stringType), outcome: stringType, conclusion: stringType });
/** One entry of `needs` (and of `jobs` in a reusable workflow). */
export const jobResultType = strictObject({ outputs: mapOf(stringType), result: stringType });

export const CONTEXT_TYPES: Readonly<Record<string, ExprType>> = {
  github: githubContext,
  runner: runnerContext,
  job: jobContext,
  strategy: strategyContext,
  env: mapOf(stringType),
  vars: mapOf(stringType),
  secrets: mapOf(stringType),
  steps: mapOf(stepType),
  needs: mapOf(jobResultType),
  jobs: mapOf(jobResultType),
  inputs: looseObject(),
  matrix: looseObject(),
};

/** Every context name GitHub knows, lowercase. */
export const CONTEXT_NAMES: readonly string[] = Object.keys(CONTEXT_TYPES);
