import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { mergeGitLabFile, mergedDocumentText } from '../../../src/core/pipelines/gitlab/merged-file';
import { lines, listFiles, readFile, writeRepository } from './support';

/** The editor's "Show Merged Configuration" document for `entry` among `files`. */
function documentFor(files: Record<string, string>, entry = '.gitlab-ci.yml'): { text: string; files: readonly string[]; folder: string } {
  const folder = writeRepository(files);
  const file = join(folder, entry);
  const merged = mergeGitLabFile({ file, repositoryRoot: folder, read: readFile, list: listFiles(folder) });
  return { text: mergedDocumentText(file, folder, merged, readFile), files: merged.files, folder };
}

describe('GitLab merged document (Show Merged Configuration)', () => {
  it('says what it is, then the YAML with includes, extends and !reference resolved; lists the files it read', () => {
    const { text, files, folder } = documentFor({
      // A needs naming nothing is a finding on the result (the Problems view's): the merge is complete.
      '.gitlab-ci.yml': lines(
        'include: ci/base.yml',
        'test:',
        '  extends: .base',
        '  needs: [nope]',
        '  script:',
        '    - !reference [.base, before_script]',
        '    - make test',
      ),
      'ci/base.yml': lines('.base:', '  image: node:20', '  before_script: [npm ci]'),
    });
    assert.equal(
      text,
      lines(
        '# .gitlab-ci.yml merged by Shipshape (read-only):',
        '# include: local, inputs, extends and !reference resolved offline, as GitLab shows the full configuration.',
        '.base:',
        '  image: node:20',
        '  before_script:',
        '    - npm ci',
        'test:',
        '  image: node:20',
        '  before_script:',
        '    - npm ci',
        '  extends: .base',
        '  needs:',
        '    - nope',
        '  script:',
        '    - npm ci',
        '    - make test',
      ),
    );
    assert.deepEqual(
      files.map((file) => file.slice(folder.length + 1)),
      ['.gitlab-ci.yml', 'ci/base.yml'],
    );
  });

  it('says at the top, as comments, why the merge is incomplete and what is not read offline', () => {
    const { text } = documentFor({
      '.gitlab-ci.yml': lines(
        'include:',
        '  - local: ci/missing.yml',
        '  - project: group/other',
        '    file: ci.yml',
        '  - ci/gone.yml',
        'build:',
        '  script: make',
      ),
    });
    const said = text.split('\n').slice(2, 7);
    assert.deepEqual(said, [
      '# Not merged completely: 2 errors in the way.',
      '#   .gitlab-ci.yml:2:12: error: Local file `ci/missing.yml` does not exist! [gitlab-include]',
      '#   .gitlab-ci.yml:5:5: error: Local file `ci/gone.yml` does not exist! [gitlab-include]',
      '# Not read offline:',
      '#   .gitlab-ci.yml:3:5: info: include project: group/other (ci.yml) is not resolved offline: what it defines is not checked, and checks that depend on it are skipped. [gitlab-include]',
    ]);
    assert.equal(text.split('\n')[7], 'build:');
  });

  it('merges a file of another name as a fragment, and says so when there is nothing to merge', () => {
    assert.match(
      documentFor({ 'ci/jobs.yml': lines('job:', '  extends: .elsewhere', '  script: make') }, 'ci/jobs.yml').text,
      /^# ci\/jobs\.yml merged[^\n]*\n[^\n]*\njob:\n/,
    );
    assert.match(documentFor({ '.gitlab-ci.yml': '' }).text, /\n# \(nothing to merge\)\n$/);
  });
});
