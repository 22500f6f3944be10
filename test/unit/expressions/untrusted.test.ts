import { strict as assert } from 'node:assert';
import { UNTRUSTED_INPUTS, untrustedPaths } from '../../../src/core/pipelines/expressions';
import { parsed } from './parse-helpers';

const paths = (source: string): string[] => untrustedPaths(parsed(source)).map((use) => use.path);

describe('untrustedPaths', () => {
  it('finds direct uses of attacker-controlled properties', () => {
    assert.deepEqual(paths('github.event.issue.title'), ['github.event.issue.title']);
    assert.deepEqual(paths('github.event.pull_request.head.ref'), ['github.event.pull_request.head.ref']);
    assert.deepEqual(paths('github.head_ref'), ['github.head_ref']);
    assert.deepEqual(paths('github.event.workflow_run.head_commit.author.name'), ['github.event.workflow_run.head_commit.author.name']);
  });

  it('matches names case-insensitively and through string indexes', () => {
    assert.deepEqual(paths('GitHub.Event.Issue.Body'), ['github.event.issue.body']);
    assert.deepEqual(paths("github['event']['comment']['body']"), ['github.event.comment.body']);
  });

  it('follows array items by index and by filter', () => {
    assert.deepEqual(paths('github.event.commits[0].message'), ['github.event.commits.*.message']);
    assert.deepEqual(paths('github.event.commits.*.author.email'), ['github.event.commits.*.author.email']);
    assert.deepEqual(paths('github.event.pages[*].page_name'), ['github.event.pages.*.page_name']);
  });

  it('finds every property an object filter can reach', () => {
    assert.deepEqual(paths('github.event.*.body').sort(), [
      'github.event.comment.body',
      'github.event.discussion.body',
      'github.event.issue.body',
      'github.event.pull_request.body',
      'github.event.review.body',
      'github.event.review_comment.body',
    ]);
    assert.ok(paths('github.event.*.*.email').includes('github.event.head_commit.author.email'));
  });

  it('finds uses nested in calls, operators and indexes, with their spans', () => {
    const uses = untrustedPaths(parsed("format('{0}', github.event.issue.title) || x[github.head_ref]"));
    assert.deepEqual(
      uses.map((use) => [use.path, use.start, use.end]),
      [
        ['github.event.issue.title', 14, 38],
        ['github.head_ref', 45, 60],
      ],
    );
  });

  it('ignores safe property neighbours and partial paths', () => {
    assert.deepEqual(paths('github.event.issue.number'), []);
    assert.deepEqual(paths('github.event.issue'), []);
    assert.deepEqual(paths('github.event.pull_request.head.sha'), []);
    assert.deepEqual(paths('github.event.issue.title.foo'), []);
    assert.deepEqual(paths('github.ref'), []);
    assert.deepEqual(paths('env.TITLE'), []);
  });

  it('ignores uses inside contains, startsWith and endsWith, which only yield a boolean', () => {
    assert.deepEqual(paths("contains(github.event.issue.title, 'bug')"), []);
    assert.deepEqual(paths("startsWith(github.head_ref, 'release/')"), []);
    assert.deepEqual(paths("endsWith(github.event.comment.body, '!') && github.event.comment.body"), ['github.event.comment.body']);
  });

  it('lists the inputs actionlint treats as untrusted', () => {
    for (const path of [
      'github.event.issue.title',
      'github.event.pull_request.head.label',
      'github.event.pull_request.head.repo.default_branch',
      'github.event.review.body',
      'github.event.review_comment.body',
      'github.event.head_commit.message',
      'github.event.workflow_run.head_branch',
      'github.head_ref',
    ]) {
      assert.ok(UNTRUSTED_INPUTS.includes(path), path);
    }
  });
});
