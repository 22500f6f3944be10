/**
 * One line on each GitLab CI keyword a person hovers, and its section of GitLab's CI/CD YAML
 * syntax reference (docs.gitlab.com/ci/yaml/#<keyword>), per place: the root of the file, a job
 * (or `default:`), `workflow:`, an `include:` entry. Keywords GitLab deprecated point at the
 * deprecated keywords page. Written from that reference (GitLab 17.x).
 */
import { DEFAULT_KEYS } from './jobs';

export const GITLAB_YAML_URL = 'https://docs.gitlab.com/ci/yaml/';
export const GITLAB_DEPRECATED_URL = 'https://docs.gitlab.com/ci/yaml/deprecated_keywords/';
export const GITLAB_VARIABLES_URL = 'https://docs.gitlab.com/ci/variables/predefined_variables/';

export type GitLabPlace = 'root' | 'job' | 'default' | 'workflow' | 'include';

export interface GitLabKeyDoc {
  readonly doc: string;
  /** The full address of the section that documents it. */
  readonly url: string;
}

const section = (anchor: string): string => `${GITLAB_YAML_URL}#${anchor}`;
const OLD_GLOBALS = `${GITLAB_DEPRECATED_URL}#globally-defined-image-services-cache-before_script-after_script`;

const ROOT: Readonly<Record<string, GitLabKeyDoc>> = {
  default: {
    doc: 'Defaults for job keywords: each is copied to every job that does not set it (unless the job’s `inherit:default` says no).',
    url: section('default'),
  },
  include: {
    doc: 'Other YAML files merged into this configuration: `local`, `project`, `remote`, `template` or `component`, evaluated before this file’s own keys.',
    url: section('include'),
  },
  stages: {
    doc: 'The stages in order. A stage’s jobs start when the stage before it succeeds; without `stages:`, GitLab uses `build`, `test`, `deploy` (with `.pre` first and `.post` last).',
    url: section('stages'),
  },
  workflow: { doc: 'Whether a pipeline is created at all (`rules`), its `name`, and how new commits cancel it (`auto_cancel`).', url: section('workflow') },
  variables: {
    doc: 'Default CI/CD variables every job gets (a job’s own `variables` win; `inherit:variables` can refuse them).',
    url: section('default-variables'),
  },
  spec: { doc: 'The header of a file meant to be included (a component or template): its `inputs`, then `---` and the configuration.', url: section('spec') },
  image: { doc: 'Deprecated at the root: the Docker image of jobs that set none. Use `default: image:`.', url: OLD_GLOBALS },
  services: { doc: 'Deprecated at the root: service containers for jobs that set none. Use `default: services:`.', url: OLD_GLOBALS },
  cache: { doc: 'Deprecated at the root: the cache of jobs that set none. Use `default: cache:`.', url: OLD_GLOBALS },
  before_script: { doc: 'Deprecated at the root: commands run before each job’s `script`. Use `default: before_script:`.', url: OLD_GLOBALS },
  after_script: { doc: 'Deprecated at the root: commands run after each job’s `script`. Use `default: after_script:`.', url: OLD_GLOBALS },
  types: { doc: 'Deprecated name of `stages`.', url: `${GITLAB_DEPRECATED_URL}#types` },
};

const JOB: Readonly<Record<string, GitLabKeyDoc>> = {
  after_script: { doc: 'Commands run after `script` (and after a failed or canceled job), in a separate shell.', url: section('after_script') },
  allow_failure: { doc: 'A failure of this job does not fail the pipeline (`true`, or `exit_codes` that are allowed).', url: section('allow_failure') },
  artifacts: { doc: 'Files and directories kept after the job (`paths`, `reports`, `expire_in`, `when`) and passed to later jobs.', url: section('artifacts') },
  before_script: { doc: 'Commands run before `script`, in the same shell.', url: section('before_script') },
  cache: { doc: 'Files kept between pipelines and jobs (`key`, `paths`, `policy`), to speed them up.', url: section('cache') },
  coverage: { doc: 'A regular expression that finds the code coverage figure in the job’s log.', url: section('coverage') },
  dast_configuration: { doc: 'The DAST site and scanner profiles the job uses.', url: section('dast_configuration') },
  dependencies: { doc: 'The jobs (of earlier stages) whose artifacts this job downloads; `[]` downloads none.', url: section('dependencies') },
  environment: { doc: 'The environment the job deploys to (`name`, `url`, `action`, `on_stop`, `auto_stop_in`).', url: section('environment') },
  except: { doc: 'Deprecated: when not to add the job to a pipeline. Use `rules`.', url: `${GITLAB_DEPRECATED_URL}#only--except` },
  extends: { doc: 'Jobs or templates whose keys this job inherits (hashes merged deeply, the job’s own keys last).', url: section('extends') },
  hooks: { doc: 'Commands the runner runs at points of the job, such as `pre_get_sources_script`.', url: section('hooks') },
  id_tokens: { doc: 'JSON web tokens (OIDC) the job gets to authenticate with third-party services.', url: section('id_tokens') },
  identity: { doc: 'Identity federation with a cloud provider (`google_cloud`).', url: section('identity') },
  image: { doc: 'The Docker image the job runs in (`name`, `entrypoint`, `pull_policy`).', url: section('image') },
  inherit: { doc: 'Which `default:` keywords and global `variables` the job takes (`true`, `false`, or a list).', url: section('inherit') },
  interruptible: { doc: 'The job may be canceled when a newer pipeline starts on the same ref.', url: section('interruptible') },
  manual_confirmation: { doc: 'The message asking for confirmation before a manual job runs.', url: section('manual_confirmation') },
  needs: { doc: 'Jobs this one waits for instead of the whole previous stage (at most 50); `[]` starts it at once.', url: section('needs') },
  only: { doc: 'Deprecated: when to add the job to a pipeline. Use `rules`.', url: `${GITLAB_DEPRECATED_URL}#only--except` },
  pages: { doc: 'Marks a job that publishes a GitLab Pages site (or sets its options).', url: section('pages') },
  parallel: { doc: 'Runs the job several times at once: a number of copies, or one per `matrix` combination.', url: section('parallel') },
  publish: { doc: 'The folder a Pages job publishes (`public` by default).', url: section('pagespublish') },
  release: { doc: 'Creates a release (tag name, description, assets) when the job succeeds.', url: section('release') },
  resource_group: { doc: 'Only one job of this group runs at a time across pipelines.', url: section('resource_group') },
  retry: { doc: 'How many times (0–2) a failed job is retried, and on which failures (`when`, `exit_codes`).', url: section('retry') },
  rules: {
    doc: 'Conditions (`if`, `changes`, `exists`) evaluated in order: the first that matches decides whether and how the job runs.',
    url: section('rules'),
  },
  run: { doc: 'Steps the job runs (CI/CD steps), instead of `script`.', url: section('run') },
  script: { doc: 'The shell commands the runner executes. Every job needs `script`, `run` or `trigger`.', url: section('script') },
  secrets: { doc: 'Secrets from an external provider (Vault, Azure Key Vault, GCP...) the job needs as variables or files.', url: section('secrets') },
  services: { doc: 'Extra containers started beside the job’s image (a database, Docker-in-Docker).', url: section('services') },
  stage: { doc: 'The stage the job belongs to (`test` when unset); it must be one of `stages:`.', url: section('stage') },
  start_in: { doc: 'With `when: delayed`: how long to wait before the job starts (for example `30 minutes`).', url: section('when') },
  tags: { doc: 'Runner tags: the job runs on a runner that has all of them.', url: section('tags') },
  timeout: { doc: 'How long the job may run before it fails (over the project’s timeout).', url: section('timeout') },
  trigger: { doc: 'Starts a downstream pipeline (another project, or a child pipeline from files here) instead of running a script.', url: section('trigger') },
  variables: { doc: 'CI/CD variables of this job, over the global ones.', url: section('job-variables') },
  when: { doc: 'When the job runs: `on_success` (default), `on_failure`, `always`, `manual`, `delayed` or `never`.', url: section('when') },
};

const WORKFLOW: Readonly<Record<string, GitLabKeyDoc>> = {
  name: { doc: 'The pipeline’s name, shown in the pipelines list (variables allowed).', url: section('workflowname') },
  rules: { doc: 'Whether the pipeline is created: the first matching rule decides (`when: never` refuses it).', url: section('workflowrules') },
  auto_cancel: {
    doc: 'Which jobs a newer pipeline on the same ref cancels (`on_new_commit`, `on_job_failure`).',
    url: section('workflowauto_cancelon_new_commit'),
  },
};

const INCLUDE: Readonly<Record<string, GitLabKeyDoc>> = {
  local: { doc: 'A file of this repository, from its root; `*` and `**` wildcards allowed.', url: section('includelocal') },
  project: { doc: 'Files (`file`) of another project of the instance, at `ref`. Not read offline.', url: section('includeproject') },
  remote: { doc: 'A file at a public URL. Not read offline.', url: section('includeremote') },
  template: { doc: 'One of GitLab’s own templates. Not read offline.', url: section('includetemplate') },
  component: { doc: 'A CI/CD component, `host/project/name@version`. Not read offline.', url: section('includecomponent') },
  inputs: { doc: 'Values for the `spec: inputs` the included file declares.', url: section('includeinputs') },
  rules: { doc: 'Whether the file is included: `if`, `exists` and `changes` rules, evaluated when the pipeline is created.', url: section('includerules') },
};

export function gitLabKeyDoc(place: GitLabPlace, key: string): GitLabKeyDoc | undefined {
  switch (place) {
    case 'root':
      return ROOT[key];
    case 'job':
      return JOB[key];
    case 'default':
      return DEFAULT_KEYS.includes(key) ? JOB[key] : undefined;
    case 'workflow':
      return WORKFLOW[key];
    case 'include':
      return INCLUDE[key];
  }
}
