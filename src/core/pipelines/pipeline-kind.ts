/** The pipeline file kinds Shipshape understands. */
export type PipelineKind = 'github-workflow' | 'github-action' | 'azure-pipelines' | 'gitlab-ci';

export const PIPELINE_KIND_LABELS: Readonly<Record<PipelineKind, string>> = {
  'github-workflow': 'GitHub Actions workflow',
  'github-action': 'GitHub Action',
  'azure-pipelines': 'Azure Pipelines',
  'gitlab-ci': 'GitLab CI',
};

/**
 * The kind of a file judged by its path alone (forward slashes, relative to
 * the workspace root), or undefined when the path says it is no pipeline.
 */
export function classifyPipelinePath(relativePath: string): PipelineKind | undefined {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? '';
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)) return 'github-workflow';
  if (/^action\.ya?ml$/i.test(name)) return 'github-action';
  if (isGitLabPath(path, name)) return 'gitlab-ci';
  if (isAzurePipelinesPath(path, name)) return 'azure-pipelines';
  return undefined;
}

/** `.gitlab-ci.yml` and its variants (`.gitlab-ci-1.yml`, `x.gitlab-ci.yml`), and YAML files under `.gitlab/ci/`. */
function isGitLabPath(path: string, name: string): boolean {
  if (/^\.gitlab-ci[^/]*\.ya?ml$/i.test(name) || /[.-]gitlab-ci\.ya?ml$/i.test(name)) return true;
  return /(^|\/)\.gitlab\/ci\/(.+\/)?[^/]+\.ya?ml$/i.test(path);
}

/**
 * Microsoft's extension's name patterns (`azure-pipelines.yml`, `.azure-pipelines.yml`, files under
 * `azure-pipelines/`, `.azure-pipelines/`, `.pipelines/`, `vsts-ci.yml`, `.vsts-ci.yml`) and the
 * ones real repositories use besides (`azure-pipelines-pr.yml`, `x.azure-pipelines.yml`,
 * `eng/pipelines/`, `.vsts-ci/`).
 */
function isAzurePipelinesPath(path: string, name: string): boolean {
  if (!/\.ya?ml$/i.test(name)) return false;
  if (/^\.?azure-pipelines?[^/]*\.ya?ml$/i.test(name) || /[.-]azure-pipelines?\.ya?ml$/i.test(name)) return true;
  if (/^\.?vsts-ci(\.[^/]*)?\.ya?ml$/i.test(name)) return true;
  return /(^|\/)(\.?azure-pipelines|\.pipelines|\.vsts-ci[^/]*)\//i.test(path) || /(^|\/)eng\/pipelines\//i.test(path);
}
