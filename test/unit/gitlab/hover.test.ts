import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { gitLabHoverAt } from '../../../src/core/pipelines/gitlab/hover';
import { PREDEFINED_VARIABLES } from '../../../src/core/pipelines/gitlab/predefined-variables';
import { lines, listFiles, readFile, writeRepository } from './support';

const MAIN = lines(
  'include:',
  '  - local: ci/templates.yml',
  'stages: [build, test]',
  'default:',
  '  image: node:20',
  '  retry: 2',
  'variables:',
  '  GLOBAL: one',
  'workflow:',
  '  rules:',
  '    - if: $CI_COMMIT_BRANCH == "main"',
  'build:',
  '  extends: .compile',
  '  stage: build',
  '  image: node:22',
  '  variables:',
  '    OWN: two',
  '  script:',
  '    - echo "${CI_COMMIT_SHORT_SHA}" $CI_JOB_TOKEN',
  '  rules:',
  '    - if: $CI_MERGE_REQUEST_IID',
);
const TEMPLATES = lines(
  '.common:',
  '  tags: [docker]',
  '  variables:',
  '    FROM_COMMON: three',
  '.compile:',
  '  extends: .common',
  '  before_script: [make deps]',
);

describe('GitLab hovers', () => {
  const folder = writeRepository({ '.gitlab-ci.yml': MAIN, 'ci/templates.yml': TEMPLATES });
  const hover = (word: string, inside = 1, nth = 0, file = '.gitlab-ci.yml', text = MAIN): { contents: string; hovered: string } | undefined => {
    let at = -1;
    for (let index = 0; index <= nth; index++) at = text.indexOf(word, at + 1);
    assert.ok(at >= 0, `${word} not in the text`);
    const info = gitLabHoverAt({ file: join(folder, file), text, offset: at + inside, repositoryRoot: folder, read: readFile, list: listFiles(folder) });
    return info ? { contents: info.contents, hovered: text.slice(info.span[0], info.span[1]) } : undefined;
  };

  it('documents global keywords, job keywords, default, workflow and include keys with their section of the reference', () => {
    const stages = hover('stages');
    assert.equal(stages?.hovered, 'stages');
    assert.match(stages?.contents ?? '', /The stages in order/);
    assert.match(stages?.contents ?? '', /\(https:\/\/docs\.gitlab\.com\/ci\/yaml\/#stages\)/);
    assert.match(hover('extends')?.contents ?? '', /docs\.gitlab\.com\/ci\/yaml\/#extends\)/);
    assert.match(hover('script')?.contents ?? '', /Every job needs `script`, `run` or `trigger`/);
    assert.match(hover('retry')?.contents ?? '', /#retry\)/);
    assert.match(hover('rules:')?.contents ?? '', /#workflowrules\)/);
    assert.match(hover('local')?.contents ?? '', /#includelocal\)/);
    assert.match(hover('variables:')?.contents ?? '', /#default-variables\)/);
    assert.match(hover('variables:', 1, 1)?.contents ?? '', /#job-variables\)/);
    // A key of `default:` that `default:` cannot set, and keys deeper down, have none.
    assert.equal(hover('if:')?.contents, undefined);
  });

  it('explains predefined variables wherever they are written, with when they are known', () => {
    const branch = hover('CI_COMMIT_BRANCH');
    assert.equal(branch?.hovered, 'CI_COMMIT_BRANCH');
    assert.match(branch?.contents ?? '', /\*\*\$CI_COMMIT_BRANCH\*\* \(predefined\)/);
    assert.match(branch?.contents ?? '', /usable in `include: rules`/);
    assert.match(branch?.contents ?? '', /predefined_variables\/#predefined-variables\)/);
    assert.equal(hover('CI_COMMIT_SHORT_SHA', 3)?.hovered, 'CI_COMMIT_SHORT_SHA');
    assert.match(hover('CI_JOB_TOKEN')?.contents ?? '', /scripts only/);
    const mergeRequest = hover('CI_MERGE_REQUEST_IID');
    assert.match(mergeRequest?.contents ?? '', /Set only in merge request pipelines/);
    assert.match(mergeRequest?.contents ?? '', /#predefined-variables-for-merge-request-pipelines\)/);
    // A word that is no predefined variable has no variable hover.
    assert.equal(hover('GLOBAL')?.contents, undefined);
  });

  it('shows on a job name its extends chain and each key it ends up with, with where it comes from', () => {
    const build = hover('build:');
    assert.equal(build?.hovered, 'build');
    const contents = build?.contents ?? '';
    assert.match(contents, /\*\*build\*\*: job, stage `build`/);
    assert.match(contents, /Extends `\.compile` → `\.common`/);
    assert.match(contents, /- `image`: this job \(line 15\)/);
    assert.match(contents, /- `before_script`: `\.compile` \(ci\/templates\.yml:7\)/);
    assert.match(contents, /- `tags`: `\.common` \(ci\/templates\.yml:2\)/);
    assert.match(contents, /- `retry`: `default:` \(line 6\)/);
    assert.match(
      contents,
      /- `variables`: `GLOBAL` from the global `variables:` \(line 8\); `FROM_COMMON` from `\.common` \(ci\/templates\.yml:4\); `OWN` from this job \(line 17\)/,
    );
    // `default: image` is not taken: the job sets its own.
    assert.doesNotMatch(contents, /`image`: `default:`/);
  });

  it('shows a template from its extends: value and in the file that defines it, through the configuration including it', () => {
    const base = hover('.compile');
    assert.equal(base?.hovered, '.compile');
    assert.match(base?.contents ?? '', /a hidden job/);
    assert.match(base?.contents ?? '', /Extends `\.common`/);
    const inTemplates = hover('.compile:', 1, 0, 'ci/templates.yml', TEMPLATES);
    assert.match(inTemplates?.contents ?? '', /- `before_script`: this job \(line 7\)/);
    assert.match(inTemplates?.contents ?? '', /- `tags`: `\.common` \(line 2\)/);
  });

  it('has a table of GitLab’s predefined variables with descriptions', () => {
    assert.ok(PREDEFINED_VARIABLES.size >= 60, String(PREDEFINED_VARIABLES.size));
    for (const [name, variable] of PREDEFINED_VARIABLES) {
      assert.match(name, /^[A-Z][A-Z0-9_]*$/);
      assert.ok(variable.doc.length > 5 && variable.doc.endsWith('.'), name);
    }
  });
});
