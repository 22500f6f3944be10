import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateGitLabFiles } from '../../../src/core/pipelines/gitlab/validate-gitlab-files';
import { lintPaths } from '../../../src/core/pipelines/lint-paths';
import { CORPUS_ROOT, filesUnder } from '../../support/corpus';
import { listFiles, readFile } from './support';

const GITLAB = join(CORPUS_ROOT, 'gitlab', 'real');
const available = existsSync(GITLAB);
const TEST_CASES = join('firecow+gitlab-ci-local', 'tests', 'test-cases');

/**
 * Errors on the real corpus that GitLab itself reports, each reviewed: gitlab-ci-local keeps a few
 * files its own tests expect to fail beside the passing ones of the same case.
 */
const EXPECTED_ERRORS: Record<string, string> = {
  'reference/.gitlab-ci-11-level-deep.yml:24 error gitlab-job jobs:test:script config should be a string or a nested array of strings up to 10 levels deep':
    "gitlab-ci-local's reference test expects this error ('should not support 11 level deep')",
  'script-multidimension/.gitlab-ci-11-level-deep.yml:3 error gitlab-job jobs:test-job:script config should be a string or a nested array of strings up to 10 levels deep':
    "gitlab-ci-local's script-multidimension test expects this error ('should not support 11 level deep')",
  'include-project-file-ref-with-inner-local/mock-gitlab-module-with-local.yml:2 error gitlab-include Local file `.gitlab-local.yml` does not exist!':
    'the file stands in for another project (the test includes it with `include: project`); its local include names a file of that project, absent from this folder',
};

/** Each repository folder is a root, and so is each of gitlab-ci-local's test cases (they include relative to it). */
function repositoryRoots(): string[] {
  const roots: string[] = [];
  for (const name of readdirSync(GITLAB)) {
    const folder = join(GITLAB, name);
    if (!statSync(folder).isDirectory()) continue;
    const cases = join(GITLAB, TEST_CASES);
    if (folder === join(GITLAB, 'firecow+gitlab-ci-local')) roots.push(...readdirSync(cases).map((child) => join(cases, child)));
    else roots.push(folder);
  }
  return roots;
}

/** Where a corpus file is named in the findings: below its repository, or below gitlab-ci-local's test cases. */
const shown = (root: string, file: string): string => relative(root.startsWith(join(GITLAB, TEST_CASES)) ? join(GITLAB, TEST_CASES) : GITLAB, file);

export function gitLabCorpusFindings(): { files: number; findings: string[]; milliseconds: number } {
  const findings: string[] = [];
  let files = 0;
  const started = performance.now();
  for (const root of repositoryRoots()) {
    const paths = filesUnder(root).filter((path) => /\.ya?ml$/.test(path));
    files += paths.length;
    const result = validateGitLabFiles({ files: paths, repositoryRoot: root, read: readFile, list: listFiles(root) });
    for (const [file, list] of result.findings)
      for (const finding of list) {
        const line = (readFile(file) ?? '').slice(0, finding.origin.start).split('\n').length;
        findings.push(`${shown(root, file)}:${line} ${finding.severity} ${finding.rule} ${finding.message}`);
      }
  }
  return { files, findings, milliseconds: performance.now() - started };
}

describe('GitLab validation on the real corpus', () => {
  it(`finds no error GitLab would not report in 214 working files${available ? '' : ' (skipped: ../shared/corpus/gitlab/real is not on this machine)'}`, function () {
    if (!available) this.skip();
    this.timeout(120_000);
    const { files, findings, milliseconds } = gitLabCorpusFindings();
    assert.equal(files, 214);
    const errors = findings.filter((finding) => / error /.test(finding));
    assert.deepEqual(
      errors.filter((error) => !EXPECTED_ERRORS[error]),
      [],
    );
    assert.deepEqual(
      Object.keys(EXPECTED_ERRORS).filter((expected) => !errors.includes(expected)),
      [],
      'an expected error is no longer found',
    );
    // Not errors: includes not resolved offline (info) and duplicate keys (warning), each kind looked at.
    const others = findings.filter((finding) => !/ error /.test(finding));
    for (const finding of others)
      assert.match(finding, / (info gitlab-include .* is not resolved offline|warning gitlab-yaml .* is defined more than once here)/);
    if (process.env['SHIPSHAPE_CORPUS_REPORT']) console.log(`${files} files in ${milliseconds.toFixed(0)} ms\n${findings.join('\n')}`);
  });

  it(`finds the same errors through shipshape lint (validatePipeline with the kind forced)${available ? '' : ' (skipped)'}`, async function () {
    if (!available) this.skip();
    this.timeout(120_000);
    const errors: string[] = [];
    for (const root of repositoryRoots()) {
      const paths = filesUnder(root).filter((path) => /\.ya?ml$/.test(path));
      const report = await lintPaths({ paths, root, cwd: root, kind: 'gitlab-ci' });
      assert.deepEqual(report.missing, []);
      for (const file of report.files) {
        assert.equal(file.kind, 'gitlab-ci');
        for (const finding of file.findings)
          if (finding.severity === 'error') errors.push(`${shown(root, file.path)}:${finding.range.start.line} error ${finding.rule} ${finding.message}`);
      }
    }
    assert.deepEqual(errors.sort(), Object.keys(EXPECTED_ERRORS).sort());
  });
});
