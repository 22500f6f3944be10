/**
 * One line on each Azure Pipelines key a person hovers, and the page of Microsoft's YAML schema
 * reference that documents it (learn.microsoft.com/azure/devops/pipelines/yaml-schema/<page>),
 * per place: the pipeline's root, a stage, a job, a deployment job, a step, a template reference.
 */
export const AZURE_SCHEMA_URL = 'https://learn.microsoft.com/en-us/azure/devops/pipelines/yaml-schema/';
export const AZURE_EXPRESSIONS_URL = 'https://learn.microsoft.com/en-us/azure/devops/pipelines/process/expressions';
export const AZURE_TASKS_URL = 'https://learn.microsoft.com/en-us/azure/devops/pipelines/tasks/reference/';
export const AZURE_PARAMETERS_URL = 'https://learn.microsoft.com/en-us/azure/devops/pipelines/process/template-parameters';

export type AzurePlace = 'pipeline' | 'stage' | 'job' | 'deployment' | 'step' | 'template';

export interface AzureKeyDoc {
  readonly doc: string;
  /** The schema page (under AZURE_SCHEMA_URL). */
  readonly page: string;
}

/** Keys with a page of their own, wherever they are. */
const OWN_PAGES: Readonly<Record<string, AzureKeyDoc>> = {
  trigger: { doc: 'Continuous integration: the branches (and paths, tags) whose pushes start a run. `none` turns it off.', page: 'trigger' },
  pr: { doc: 'Pull request validation: the target branches (and paths) whose pull requests start a run. `none` turns it off.', page: 'pr' },
  schedules: { doc: 'Scheduled runs: cron entries with the branches they run on.', page: 'schedules-cron' },
  resources: { doc: 'Other repositories, pipelines, containers and packages the pipeline uses.', page: 'resources' },
  variables: { doc: 'Variables: a mapping of names to values, or a list of `name`/`value`, `group` and `template` entries.', page: 'variables' },
  parameters: {
    doc: 'Parameters: a list of `name`, `type`, `default` and `values` (runtime parameters of a pipeline, or what a template takes).',
    page: 'parameters',
  },
  pool: { doc: 'The agent pool the job runs on: `vmImage` for Microsoft-hosted agents, `name` and `demands` for your own.', page: 'pool' },
  extends: { doc: 'The template this pipeline extends: the template decides the pipeline’s content, this file passes its parameters.', page: 'extends' },
  container: { doc: 'The container image the job’s steps run in.', page: 'jobs-job-container' },
  services: { doc: 'Service containers started beside the job (a database, a cache).', page: 'jobs-job' },
  strategy: {
    doc: 'Runs the job several times: `matrix` (one leg per entry), `parallel` (a number of slices), with `maxParallel`.',
    page: 'jobs-job-strategy',
  },
  environment: {
    doc: 'The environment a deployment targets: its approvals and checks apply, and its history records the deployment.',
    page: 'jobs-deployment-environment',
  },
  stages: { doc: 'The stages of the pipeline: each runs after the one before it unless `dependsOn` says otherwise.', page: 'stages' },
  jobs: { doc: 'The jobs: each runs on its own agent; they run in parallel unless `dependsOn` orders them.', page: 'jobs' },
  steps: { doc: 'The steps a job runs in order on its agent: tasks, scripts, checkouts, templates.', page: 'steps' },
};

const COMMON: Readonly<Record<string, string>> = {
  displayName: 'The name shown in the run’s summary and logs.',
  dependsOn: 'What must finish before this starts: a name or a list of names (`[]` starts at once).',
  condition: 'Runs only when this run-time expression is true (default `succeeded()`).',
  continueOnError: 'A failure here does not fail the run (it ends “partially succeeded”).',
  timeoutInMinutes: 'Cancelled after this many minutes (0: the maximum the agent allows).',
  cancelTimeoutInMinutes: 'How long a cancelled job may run its “always” steps before it is killed.',
  templateContext: 'Data passed to the template that receives this, unchanged.',
  lockBehavior: 'How exclusive-lock checks queue runs: `sequential` or `runLatest`.',
};

const PLACE_KEYS: Readonly<Record<AzurePlace, { page: string; keys: Readonly<Record<string, string>> }>> = {
  pipeline: {
    page: 'pipeline',
    keys: {
      name: 'The run number format, e.g. `$(Date:yyyyMMdd)$(Rev:.r)`.',
      appendCommitMessageToRunName: 'Whether the run’s name gets the last commit’s message (default true).',
      lockBehavior: COMMON.lockBehavior as string,
    },
  },
  stage: {
    page: 'stages-stage',
    keys: {
      stage: 'The stage’s name: letters, digits and `_`, unique in the pipeline; other stages name it in `dependsOn`.',
      isSkippable: 'Whether the stage may be skipped when a run is queued (default true).',
      trigger: '`manual`: the stage waits for someone to start it.',
    },
  },
  job: {
    page: 'jobs-job',
    keys: {
      job: 'The job’s name: letters, digits and `_`, unique in its stage; other jobs name it in `dependsOn`.',
      workspace: '`clean`: what the agent cleans before the job (outputs, resources, all).',
      uses: 'Repositories and pools the job uses that are not referenced by a step.',
    },
  },
  deployment: {
    page: 'jobs-deployment',
    keys: {
      deployment: 'The deployment job’s name: letters, digits and `_`, unique in its stage.',
    },
  },
  step: {
    page: 'steps',
    keys: {
      task: 'An in-box or installed task, as `Name@major` (or `publisher.extension.Task@major`, or its id).',
      script: 'A script run by the agent’s shell (cmd.exe on Windows, Bash elsewhere).',
      bash: 'A script run by Bash.',
      pwsh: 'A script run by PowerShell Core (pwsh).',
      powershell: 'A script run by Windows PowerShell (or pwsh on Linux and macOS).',
      checkout: 'Which repository is checked out (`self`, `none`, or a repository resource), and how.',
      download: 'Downloads artifacts of this or another pipeline (`current`, `none`, or a pipeline resource).',
      publish: 'Publishes a file or folder as a pipeline artifact.',
      inputs: 'The task’s inputs: each task documents its own.',
      name: 'The step’s reference name: later steps read its output variables as `$(name.variable)`.',
      enabled: 'False skips the step.',
      env: 'Environment variables for the step (the only way a secret variable reaches a script).',
      retryCountOnTaskFailure: 'How many times the step is tried again after it fails.',
      target: 'Where the step runs: `host` or a container, and which commands it may use.',
      workingDirectory: 'The folder the script starts in.',
      failOnStderr: 'A write to standard error fails the step.',
    },
  },
  template: {
    page: 'steps-template',
    keys: {
      template: 'A template file whose content is inserted here (a path from this file, `/path` from the repository root, or `path@repository`).',
      parameters: 'The values given to the template’s parameters.',
    },
  },
};

/** The documentation of `key` in `place`, or undefined when Shipshape has none. */
export function azureKeyDoc(place: AzurePlace, key: string): AzureKeyDoc | undefined {
  const here = PLACE_KEYS[place];
  const own = here.keys[key];
  if (own) return { doc: own, page: place === 'step' && key in STEP_PAGES ? (STEP_PAGES[key] as string) : here.page };
  const shared = OWN_PAGES[key];
  if (shared && !(place === 'template' && key === 'parameters')) return shared;
  const common = COMMON[key];
  if (common && place !== 'pipeline' && place !== 'template') return { doc: common, page: here.page };
  return undefined;
}

/** Each step kind has its own page. */
const STEP_PAGES: Readonly<Record<string, string>> = {
  task: 'steps-task',
  script: 'steps-script',
  bash: 'steps-bash',
  pwsh: 'steps-pwsh',
  powershell: 'steps-powershell',
  checkout: 'steps-checkout',
  download: 'steps-download',
  publish: 'steps-publish',
};
