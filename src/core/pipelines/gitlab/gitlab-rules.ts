/**
 * The GitLab CI rule ids. GitLab checks run in one pass over the merged configuration
 * (validateGitLabFiles, called by validate.ts), not rule by rule, since every check needs the
 * includes, `extends` and `!reference` resolved: these entries give each id its severity and
 * description for the registry, the docs and SARIF, and their `check` does nothing.
 */
import type { Rule } from '../rule';
import type { Severity } from '../finding';

const gitlabRule = (id: string, defaultSeverity: Severity, description: string): Rule => ({
  id,
  kinds: ['gitlab-ci'],
  defaultSeverity,
  description,
  check: () => undefined,
});

export const GITLAB_RULES: readonly Rule[] = [
  gitlabRule(
    'gitlab-yaml',
    'error',
    'GitLab CI YAML: syntax, undefined aliases, at most a spec header and one configuration; keys written twice are a warning.',
  ),
  gitlabRule('gitlab-include', 'error', 'include: local files that are missing, empty or not YAML, too many includes; includes not resolved offline are info.'),
  gitlabRule('gitlab-inputs', 'error', 'spec: inputs: missing, unknown or invalid inputs given to an included file, and $[[ inputs.x ]] interpolation.'),
  gitlabRule('gitlab-extends', 'error', 'extends: unknown jobs, cycles, more than 11 levels.'),
  gitlabRule('gitlab-reference', 'error', '!reference tags that cannot be resolved, or are circular or nested too deep.'),
  gitlabRule(
    'gitlab-job',
    'error',
    'Jobs: script, run or trigger required, at least one visible job, unknown keys of jobs, default:, workflow:, artifacts, cache, retry, trigger jobs; image, services, hooks, only/except, inherit, release, resource_group, environment and cache values; reserved names, script lines.',
  ),
  gitlabRule('gitlab-stages', 'error', "A job's stage must be declared in stages: (or be one of GitLab's default stages)."),
  gitlabRule(
    'gitlab-needs',
    'error',
    'needs and dependencies: undefined jobs, later stages, duplicates, cycles, blank entries, over 50, parallel:matrix values no copy of the job has.',
  ),
  gitlabRule(
    'gitlab-rules',
    'error',
    "rules: blank, not a list or a mapping; rules:if and only/except variables in GitLab's expression language; when: values; unknown rule keys; only/except mixed with rules.",
  ),
  gitlabRule('gitlab-variables', 'error', 'variables: names, values, expand a boolean, description a string, options a list of strings that holds the value.'),
  gitlabRule('gitlab-environment', 'error', 'environment: known keys; on_stop must name a job that exists and stops the environment.'),
];
