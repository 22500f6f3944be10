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
});
