import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

const step = (uses: string, input: string) => [
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  `      - uses: ${uses}`,
  '        with:',
  `          ${input}: "20"`,
];

describe('action inputs spelled with _ for -', () => {
  it('reports node_version on setup-node even where the input list may be incomplete', () => {
    assert.deepEqual(ofRule(lint(step('actions/setup-node@v6', 'node_version')), 'action'), [
      '8:11 action Action actions/setup-node@v6 has no input "node_version"; GitHub will ignore it. Did you mean "node-version"?',
    ]);
  });

  it('stays silent on other unknown names where the list may be incomplete, and on the right spelling', () => {
    assert.deepEqual(ofRule(lint(step('actions/setup-node@v6', 'some-new-input')), 'action'), []);
    assert.deepEqual(ofRule(lint(step('actions/setup-node@v6', 'node-version')), 'action'), []);
    assert.deepEqual(ofRule(lint(step('actions/setup-node@v6', 'NODE-VERSION')), 'action'), []);
  });
});
