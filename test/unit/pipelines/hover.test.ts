import { strict as assert } from 'node:assert';
import { hoverAt } from '../../../src/core/pipelines/hover';

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    timeout-minutes: 10',
  '    steps:',
  "      - run: echo ${{ github.sha }} ${{ contains(github.ref, 'main') }}",
  '        if: ${{ steps.x.outputs.y }}',
].join('\n');
const at = (needle: string, extra = 0) => WORKFLOW.indexOf(needle) + extra;

describe('hovers', () => {
  it('documents keys from the schema', () => {
    const hover = hoverAt(WORKFLOW, 'github-workflow', at('timeout-minutes', 3));
    assert.match(hover?.contents ?? '', /^\*\*timeout-minutes\*\*\n\n\S/);
    assert.deepEqual(hover?.span, [at('timeout-minutes'), at('timeout-minutes') + 'timeout-minutes'.length]);
    assert.match(hoverAt(WORKFLOW, 'github-workflow', at('runs-on'))?.contents ?? '', /runs-on/);
    assert.match(hoverAt(WORKFLOW, 'github-workflow', at('- run', 3))?.contents ?? '', /^\*\*run\*\*/);
  });

  it('documents contexts, properties and functions inside ${{ }}', () => {
    assert.match(hoverAt(WORKFLOW, 'github-workflow', at('github.sha', 8))?.contents ?? '', /^`github\.sha`\n\nThe commit SHA/);
    assert.match(hoverAt(WORKFLOW, 'github-workflow', at('github.sha', 2))?.contents ?? '', /^`github`\n\nInformation about the workflow run/);
    assert.match(hoverAt(WORKFLOW, 'github-workflow', at('contains', 2))?.contents ?? '', /^`contains`\n\ncontains\(search, item\)/);
    assert.match(hoverAt(WORKFLOW, 'github-workflow', at('steps.x', 2))?.contents ?? '', /earlier steps/);
  });

  it('shows nothing on plain values or outside the file', () => {
    assert.equal(hoverAt(WORKFLOW, 'github-workflow', at('ubuntu-latest', 2)), undefined);
    assert.equal(hoverAt(WORKFLOW, 'github-workflow', 100000), undefined);
    assert.equal(hoverAt('a: [', 'github-workflow', 2), undefined);
  });

  describe('links to GitHub docs and deep properties', () => {
    const SYNTAX = 'https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax';
    const FLOW = [
      'on:',
      '  push:',
      '    paths: [src/**]',
      '    branches: [main]',
      '  pull_request:',
      '    branches: [main]',
      '  workflow_dispatch:',
      '    inputs:',
      '      level:',
      '        type: string',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          fetch-depth: 0',
      '      - run: echo "${{ github.event.head_commit.message }} ${{ github.event.pull_request.nope_field }} ${{ steps.x.outputs.y }}"',
    ].join('\n');
    const hover = (needle: string, extra = 1, text = FLOW, kind: 'github-workflow' | 'github-action' = 'github-workflow') =>
      hoverAt(text, kind, text.indexOf(needle) + extra)?.contents ?? '';

    it('links a key to its section of the workflow syntax page', () => {
      assert.ok(hover('runs-on').includes(`[GitHub docs](${SYNTAX}#jobsjob_idruns-on)`), hover('runs-on'));
      assert.ok(hover('- run', 3).includes(`(${SYNTAX}#jobsjob_idstepsrun)`));
      assert.ok(hover('paths').includes(`(${SYNTAX}#onpushpull_requestpull_request_targetpathspaths-ignore)`));
      assert.ok(hover('branches').includes(`(${SYNTAX}#onpushbranchestagsbranches-ignoretags-ignore)`));
      const prBranches = FLOW.indexOf('branches', FLOW.indexOf('pull_request')) + 1;
      assert.ok(hoverAt(FLOW, 'github-workflow', prBranches)?.contents.includes(`(${SYNTAX}#onpull_requestpull_request_targetbranchesbranches-ignore)`));
      assert.ok(hover('type:').includes(`(${SYNTAX}#onworkflow_dispatchinputsinput_idtype)`));
      // No section of its own: the nearest one above it (with:).
      assert.ok(hover('fetch-depth').includes(`(${SYNTAX}#jobsjob_idstepswith)`), hover('fetch-depth'));
    });

    it('links action metadata keys to the metadata syntax page', () => {
      const action = ['name: a', 'inputs:', '  token:', '    description: the token', 'runs:', '  using: node20', '  main: index.js'].join('\n');
      assert.ok(
        hover('description', 1, action, 'github-action').includes(
          '(https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#inputsinput_iddescription)',
        ),
      );
    });

    it('documents the deepest known property of an expression, with the events that send it', () => {
      const message = hover('head_commit.message', 'head_commit.'.length + 2);
      assert.match(message, /^`github\.event\.head_commit\.message`\n\nThe commit message/);
      assert.match(message, /push/);
      assert.doesNotMatch(message, /The full webhook payload/);
      assert.match(message, /docs\.github\.com\/en\/webhooks\/webhook-events-and-payloads#push/);
      assert.match(hover('head_commit.message', 3), /^`github\.event\.head_commit`\n\nThe commit the push/);
    });

    it('names the nearest documented ancestor of an unknown property, with both paths', () => {
      const unknown = hover('nope_field', 2);
      assert.match(unknown, /^`github\.event\.pull_request\.nope_field`/);
      assert.match(unknown, /nearest documented: `github\.event\.pull_request`/);
      assert.match(unknown, /The pull request/);
    });

    it("documents the parts of a step's outputs and links contexts to their reference", () => {
      assert.match(hover('steps.x.outputs', 9), /^`steps\.x\.outputs`\n\nThe outputs the step/);
      assert.match(hover('steps.x.outputs', 2), /contexts#steps-context/);
    });
  });
});
