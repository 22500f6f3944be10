/**
 * The keys Azure Pipelines accepts in each place of an expanded pipeline, and the shape of their
 * values, after Microsoft's YAML schema reference (learn.microsoft.com/azure/devops/pipelines/yaml-schema).
 * A typed table rather than a JSON Schema: the checks need Azure's own words, "did you mean",
 * values holding expressions treated as opaque and `${{ if }}` branches never compared, which an
 * ajv error list does not give.
 *
 * A spec says what each kind of node may be: a scalar (of a type), a sequence (of items), a
 * mapping (of known keys). A kind the spec does not list is a shape error.
 */

export type ScalarType = 'string' | 'boolean' | 'number' | 'number-or-percentage' | 'cron' | 'any' | readonly string[];

/** Lists whose items Azure reads by their first key (a step kind, `job`/`deployment`, ...). */
export type ListKind = 'stages' | 'jobs' | 'steps' | 'variables';

export interface MapSpec {
  readonly keys: Readonly<Record<string, Spec>>;
  /** Any other key is allowed, with values of this spec (a name/value dictionary). */
  readonly other?: Spec;
  /** The place, for messages ("in a checkout step"). */
  readonly what?: string;
  /** Keys the mapping must hold ("Required" in Microsoft's reference). */
  readonly required?: readonly string[];
  /** The required keys are not required when one of these is there (another form of the same thing). */
  readonly requiredUnless?: readonly string[];
}

export interface Spec {
  readonly scalar?: ScalarType;
  readonly seq?: Spec;
  readonly map?: MapSpec;
  /** A list of stages, jobs, steps or variables (the item's keys decide its spec). */
  readonly list?: ListKind;
  /** Anything at all (parameters given to a template, legacy keys). */
  readonly any?: true;
}

export const ANY: Spec = { any: true };
const STRING: Spec = { scalar: 'string' };
const BOOLEAN: Spec = { scalar: 'boolean' };
const NUMBER: Spec = { scalar: 'number' };
/** A rolling deployment's `maxParallel`: a count of targets, or a share of them (`25%`). */
const COUNT_OR_PERCENTAGE: Spec = { scalar: 'number-or-percentage' };
const enumOf = (...values: string[]): Spec => ({ scalar: values });
const map = (keys: Record<string, Spec>, what?: string, required: Pick<MapSpec, 'required' | 'requiredUnless'> = {}): Spec => ({
  map: { keys, ...(what ? { what } : {}), ...required },
});
/** A string or a list of strings (`dependsOn`, `demands`, `ports`). */
const STRINGS: Spec = { scalar: 'string', seq: STRING };
/** `key: value` pairs of any names (`env`, `inputs`, map-form `variables`). */
const DICTIONARY: Spec = { map: { keys: {}, other: { scalar: 'any' } } };

const includeExclude = (what: string): Spec => ({ seq: STRING, map: { keys: { include: STRINGS, exclude: STRINGS }, what: `${what} filter` } });

// ---- triggers -------------------------------------------------------------------------------

const TRIGGER: Spec = {
  scalar: 'any',
  seq: STRING,
  map: { keys: { batch: BOOLEAN, branches: includeExclude('branches'), paths: includeExclude('paths'), tags: includeExclude('tags') }, what: 'trigger' },
};
const PR: Spec = {
  scalar: 'any',
  seq: STRING,
  map: { keys: { autoCancel: BOOLEAN, branches: includeExclude('branches'), paths: includeExclude('paths'), drafts: BOOLEAN }, what: 'pr' },
};
const SCHEDULES: Spec = {
  seq: {
    map: {
      keys: { cron: { scalar: 'cron' }, displayName: STRING, branches: includeExclude('branches'), batch: BOOLEAN, always: BOOLEAN },
      what: 'schedule',
      required: ['cron'],
    },
  },
};

// ---- pool, container, workspace, strategy ---------------------------------------------------

const POOL: Spec = {
  scalar: 'string',
  // `image`, `os`, `hostArchitecture`, `type`, `isCustom`: 1ES pools, read by the 1ES templates.
  map: {
    keys: { name: STRING, vmImage: STRING, demands: STRINGS, image: STRING, os: STRING, hostArchitecture: STRING, type: STRING, isCustom: BOOLEAN },
    what: 'pool',
  },
};
const MOUNT_READ_ONLY = map({ work: BOOLEAN, externals: BOOLEAN, tools: BOOLEAN, tasks: BOOLEAN }, 'mountReadOnly');
const CONTAINER_KEYS: Record<string, Spec> = {
  image: STRING,
  endpoint: STRING,
  env: DICTIONARY,
  mapDockerSocket: BOOLEAN,
  options: STRING,
  ports: { seq: STRING },
  volumes: { seq: STRING },
  mountReadOnly: MOUNT_READ_ONLY,
};
// `alias` names a container resource instead of an image (Microsoft's schema has it for a job's container).
const CONTAINER: Spec = {
  scalar: 'string',
  map: { keys: { ...CONTAINER_KEYS, alias: STRING }, what: 'container', required: ['image'], requiredUnless: ['alias'] },
};
const SERVICES: Spec = { map: { keys: {}, other: CONTAINER } };
const WORKSPACE = map({ clean: enumOf('outputs', 'resources', 'all') }, 'workspace');
const JOB_STRATEGY = map(
  {
    // A matrix: legs of variables, or a run-time expression giving them.
    matrix: { scalar: 'any', map: { keys: {}, other: DICTIONARY } },
    parallel: NUMBER,
    maxParallel: NUMBER,
  },
  'strategy',
);
const USES = map({ repositories: { seq: STRING }, pools: { seq: STRING } }, 'uses');

// ---- deployment jobs ------------------------------------------------------------------------

const HOOK = map({ steps: { list: 'steps' }, pool: POOL }, 'lifecycle hook');
const HOOKS: Record<string, Spec> = {
  preDeploy: HOOK,
  deploy: HOOK,
  routeTraffic: HOOK,
  postRouteTraffic: HOOK,
  on: map({ failure: HOOK, success: HOOK }, 'on'),
};
export const DEPLOYMENT_STRATEGY = map(
  {
    runOnce: map(HOOKS, 'runOnce strategy'),
    rolling: map({ ...HOOKS, maxParallel: COUNT_OR_PERCENTAGE }, 'rolling strategy'),
    canary: map({ ...HOOKS, increments: { seq: NUMBER } }, 'canary strategy'),
  },
  'deployment strategy',
);
const ENVIRONMENT: Spec = {
  scalar: 'string',
  map: { keys: { name: STRING, resourceName: STRING, resourceId: NUMBER, resourceType: STRING, tags: STRINGS }, what: 'environment' },
};

// ---- variables ------------------------------------------------------------------------------

export const VARIABLE_ITEMS = {
  name: map({ name: STRING, value: { scalar: 'any' }, readonly: BOOLEAN }, 'variable'),
  group: map({ group: STRING }, 'variable group'),
};
/** Map form, or the list form of name/value, group and template items. */
export const VARIABLES: Spec = { map: { keys: {}, other: { scalar: 'any' } }, list: 'variables' };

// ---- steps ----------------------------------------------------------------------------------

const TARGET: Spec = {
  scalar: 'string',
  map: {
    keys: {
      container: STRING,
      commands: enumOf('any', 'restricted'),
      settableVariables: { scalar: 'any', seq: STRING, map: { keys: { allowed: { seq: STRING } } } },
    },
    what: 'target',
  },
};
export const STEP_COMMON: Record<string, Spec> = {
  name: STRING,
  displayName: STRING,
  condition: STRING,
  continueOnError: BOOLEAN,
  enabled: BOOLEAN,
  env: DICTIONARY,
  timeoutInMinutes: NUMBER,
  retryCountOnTaskFailure: NUMBER,
  target: TARGET,
};
const SCRIPT_KEYS = { workingDirectory: STRING, failOnStderr: BOOLEAN };
const POWERSHELL_KEYS = { ...SCRIPT_KEYS, errorActionPreference: STRING, ignoreLASTEXITCODE: BOOLEAN };
const PUBLISH_KEYS = { artifact: STRING, artifactType: STRING, fileSharePath: STRING, parallel: BOOLEAN, parallelCount: NUMBER, isProduction: BOOLEAN };

/** Each step kind's own keys (besides the kind itself and the common ones). */
export const STEP_KEYS: Readonly<Record<string, Record<string, Spec>>> = {
  task: { inputs: DICTIONARY },
  script: SCRIPT_KEYS,
  bash: SCRIPT_KEYS,
  pwsh: POWERSHELL_KEYS,
  powershell: POWERSHELL_KEYS,
  checkout: {
    clean: BOOLEAN,
    fetchDepth: NUMBER,
    fetchFilter: STRING,
    fetchTags: BOOLEAN,
    lfs: BOOLEAN,
    persistCredentials: BOOLEAN,
    submodules: { scalar: 'any' },
    path: STRING,
    sparseCheckoutDirectories: STRING,
    sparseCheckoutPatterns: STRING,
    workspaceRepo: BOOLEAN,
  },
  download: { artifact: STRING, patterns: STRING, path: STRING },
  downloadBuild: { artifact: STRING, path: STRING, patterns: STRING, inputs: DICTIONARY },
  getPackage: { path: STRING },
  publish: PUBLISH_KEYS,
  upload: PUBLISH_KEYS,
  reviewApp: {},
  restoreCache: { path: STRING, key: STRING, restoreKeys: STRINGS, cacheHitVar: STRING },
  saveCache: { path: STRING, key: STRING },
};

// ---- jobs and stages ------------------------------------------------------------------------

const JOB_COMMON: Record<string, Spec> = {
  displayName: STRING,
  dependsOn: STRINGS,
  condition: STRING,
  continueOnError: BOOLEAN,
  timeoutInMinutes: NUMBER,
  cancelTimeoutInMinutes: NUMBER,
  variables: VARIABLES,
  pool: POOL,
  container: CONTAINER,
  services: SERVICES,
  workspace: WORKSPACE,
  uses: USES,
  templateContext: ANY,
};

export const JOB_KEYS: Record<string, Spec> = { job: STRING, ...JOB_COMMON, strategy: JOB_STRATEGY, steps: { list: 'steps' } };
export const DEPLOYMENT_KEYS: Record<string, Spec> = { deployment: STRING, ...JOB_COMMON, environment: ENVIRONMENT, strategy: DEPLOYMENT_STRATEGY };
export const STAGE_KEYS: Record<string, Spec> = {
  stage: STRING,
  displayName: STRING,
  dependsOn: STRINGS,
  condition: STRING,
  variables: VARIABLES,
  pool: POOL,
  jobs: { list: 'jobs' },
  lockBehavior: enumOf('sequential', 'runLatest'),
  trigger: enumOf('manual', 'automatic'),
  isSkippable: BOOLEAN,
  templateContext: ANY,
};

// ---- resources ------------------------------------------------------------------------------

const RESOURCE_TRIGGER: Spec = {
  scalar: 'any',
  seq: STRING,
  map: { keys: { branches: includeExclude('branches'), paths: includeExclude('paths'), tags: includeExclude('tags') } },
};
const PIPELINE_TRIGGER: Spec = {
  scalar: 'any',
  map: { keys: { enabled: BOOLEAN, branches: includeExclude('branches'), stages: { seq: STRING }, tags: { seq: STRING } }, what: 'pipeline trigger' },
};
const RESOURCES: Spec = {
  // Legacy: `resources: [ { repo: self, clean: true } ]`.
  seq: ANY,
  map: {
    keys: {
      repositories: {
        seq: map({ repository: STRING, type: STRING, name: STRING, ref: STRING, endpoint: STRING, trigger: RESOURCE_TRIGGER }, 'repository resource'),
      },
      pipelines: {
        seq: map(
          { pipeline: STRING, source: STRING, project: STRING, version: STRING, branch: STRING, tags: { seq: STRING }, trigger: PIPELINE_TRIGGER },
          'pipeline resource',
        ),
      },
      containers: {
        seq: map(
          {
            container: STRING,
            ...CONTAINER_KEYS,
            type: STRING,
            trigger: { scalar: 'any', map: { keys: { enabled: BOOLEAN, tags: includeExclude('tags') } } },
            azureSubscription: STRING,
            resourceGroup: STRING,
            registry: STRING,
            repository: STRING,
            localImage: BOOLEAN,
          },
          'container resource',
          // The ACR form names its image by registry and repository instead.
          { required: ['image'], requiredUnless: ['type', 'azureSubscription', 'registry', 'repository'] },
        ),
      },
      builds: {
        seq: map(
          { build: STRING, type: STRING, connection: STRING, source: STRING, version: STRING, branch: STRING, trigger: { scalar: 'any' } },
          'build resource',
          { required: ['type', 'connection', 'source'] },
        ),
      },
      packages: {
        seq: map(
          { package: STRING, type: STRING, connection: STRING, name: STRING, version: STRING, tag: STRING, trigger: { scalar: 'any' } },
          'package resource',
          { required: ['type', 'connection', 'name'] },
        ),
      },
      webhooks: {
        seq: map(
          { webhook: STRING, connection: STRING, type: STRING, filters: { seq: map({ path: STRING, value: STRING }, 'webhook filter') } },
          'webhook resource',
          { required: ['connection'] },
        ),
      },
    },
    what: 'resources',
  },
};

// ---- roots ----------------------------------------------------------------------------------

export const PIPELINE_KEYS: Record<string, Spec> = {
  name: STRING,
  appendCommitMessageToRunName: BOOLEAN,
  trigger: TRIGGER,
  pr: PR,
  schedules: SCHEDULES,
  parameters: ANY,
  resources: RESOURCES,
  variables: VARIABLES,
  pool: POOL,
  lockBehavior: enumOf('sequential', 'runLatest'),
  stages: { list: 'stages' },
  jobs: { list: 'jobs' },
  steps: { list: 'steps' },
  extends: map({ template: STRING, parameters: ANY }, 'extends'),
  // A `steps:` pipeline is one job: its job keys sit at the root.
  strategy: JOB_STRATEGY,
  continueOnError: BOOLEAN,
  container: CONTAINER,
  services: SERVICES,
  workspace: WORKSPACE,
  timeoutInMinutes: NUMBER,
  cancelTimeoutInMinutes: NUMBER,
  // Legacy (before stages): still accepted.
  phases: ANY,
  queue: ANY,
  server: ANY,
};

/** What a template file holds besides `parameters`, by role. */
export const TEMPLATE_CONTENT = {
  'stages-template': 'stages',
  'jobs-template': 'jobs',
  'steps-template': 'steps',
  'variables-template': 'variables',
} as const;

/** A template a pipeline `extends` holds a pipeline's content (and may extend another): all but the triggers and the run name. */
export const EXTENDED_TEMPLATE_KEYS: Record<string, Spec> = Object.fromEntries(
  Object.entries(PIPELINE_KEYS).filter(([key]) => !['name', 'appendCommitMessageToRunName', 'trigger', 'pr', 'schedules'].includes(key)),
);
