import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

/** A workflow on `trigger` with one step that reads `expression` into its environment. */
const on = (trigger: string[], expression: string) => [
  ...trigger,
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo "$X"',
  `        env: { X: "\${{ ${expression} }}" }`,
];
const findings = (trigger: string[], expression: string) => ofRule(lint(on(trigger, expression)), 'expression');

describe('github.event typed by the payloads of the workflow events', () => {
  it('reports a misspelled head_commit property in a push workflow at its column, with a suggestion', () => {
    assert.deepEqual(findings(['on: push'], 'github.event.head_commit.messag'), [
      '7:49 expression Object "github.event.head_commit" has no property "messag". Did you mean "message"?',
    ]);
  });

  it('warns of a key only other events send (pull_request in a push-only workflow): null here, not a typo', () => {
    const trigger = ['on:', '  push:', '    branches: [main]'];
    assert.deepEqual(findings(trigger, 'github.event.pull_request.number'), [
      '9:37 expression Object "github.event" has no property "pull_request" in the payload of push: only other events send it, so here it is always null.',
    ]);
    assert.deepEqual(
      lint(on(trigger, 'github.event.pull_request.number')).map((finding) => finding.severity),
      ['warning'],
    );
  });

  it('says nothing of such a key tested for presence: the left side of || or && (the common concurrency group idiom)', () => {
    assert.deepEqual(findings(['on: push'], 'github.event.pull_request.number || github.ref'), []);
    assert.deepEqual(findings(['on: push'], 'github.event.pull_request && github.ref'), []);
    // The right side of && is read only when the left is there: still reported.
    assert.equal(findings(['on: push'], 'github.event.pull_request && github.event.pull_request.number').length, 1);
  });

  it('keeps a top-level key no event sends an error, with a suggestion', () => {
    assert.deepEqual(findings(['on: push'], 'github.event.commitz'), [
      '7:37 expression Object "github.event" has no property "commitz" in the payload of push. Did you mean "commits"?',
    ]);
    assert.deepEqual(
      lint(on(['on: push'], 'github.event.commitz')).map((finding) => finding.severity),
      ['error'],
    );
  });

  it('accepts a key any of the events sends', () => {
    assert.deepEqual(findings(['on: [push, pull_request]'], 'github.event.pull_request.number'), []);
    assert.deepEqual(findings(['on: [push, pull_request]'], 'github.event.head_commit.message'), []);
    assert.deepEqual(findings(['on: pull_request_target'], 'github.event.pull_request.head.repo.full_name'), []);
    assert.deepEqual(findings(['on: issue_comment'], 'github.event.issue.pull_request && github.event.comment.body'), []);
  });

  it('does not call a comparison with a payload object meaningless: the key may be absent (null) at run time', () => {
    // A plain issue has no pull_request key: the comparison is false for it and true for a pull request's comment.
    assert.deepEqual(findings(['on: issue_comment'], "github.event.issue.pull_request != ''"), []);
  });

  it('keeps github.event open where the payload is not known: workflow_call, schedule', () => {
    assert.deepEqual(findings(['on:', '  workflow_call:', '  push:'], 'github.event.anything.at.all'), []);
    assert.deepEqual(findings(['on:', '  push:', '  schedule:', '    - cron: "0 0 * * *"'], 'github.event.pull_request.number'), []);
  });

  it('keeps open what the schema leaves open: repository_dispatch client_payload', () => {
    assert.deepEqual(findings(['on: repository_dispatch'], 'github.event.client_payload.any.thing'), []);
    assert.equal(findings(['on: repository_dispatch'], 'github.event.client_payloads').length, 1);
  });

  it('types workflow_dispatch inputs by the declared ones', () => {
    const trigger = ['on:', '  workflow_dispatch:', '    inputs:', '      level: {type: string}'];
    assert.deepEqual(findings(trigger, 'github.event.inputs.level'), []);
    assert.match(findings(trigger, 'github.event.inputs.levl')[0] ?? '', /has no property "levl"\. Did you mean "level"/);
  });
});
