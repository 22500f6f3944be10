import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempFolder } from '../../support/temp';
import { lint, ofRule } from './helpers';

// What the majors read from their action.yml (scripts/popular-actions.mjs) let the rules report.
const steps = (...lines: string[]) => ['on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...lines.map((line) => `      ${line}`)];

describe('popular actions read from their action.yml', () => {
  it('warns at its line about an input a complete action does not have, with the near name', () => {
    const findings = lint(steps('- uses: hashicorp/setup-terraform@v4', '  with:', '    terraform_wrapper: false', '    terraform-version: 1.9.0'));
    assert.deepEqual(ofRule(findings, 'action'), [
      '9:11 action Action hashicorp/setup-terraform@v4 has no input "terraform-version"; GitHub will ignore it. Did you mean "terraform_version"?',
    ]);
  });

  it('reports a misspelled output of a complete action with a did-you-mean', () => {
    const findings = lint(
      steps(
        '- uses: actions/cache@v5',
        '  id: c',
        '  with: {path: x, key: k}',
        '- uses: actions/deploy-pages@v5',
        '  id: d',
        '- run: echo ${{ steps.c.outputs.cache_hit }} ${{ steps.d.outputs.page-url }} ${{ steps.c.outputs.cache-hit }}',
      ),
    );
    assert.deepEqual(ofRule(findings, 'expression'), [
      '11:23 expression Object "steps.c.outputs" has no property "cache_hit". Did you mean "cache-hit"?',
      '11:56 expression Object "steps.d.outputs" has no property "page-url". Did you mean "page_url"?',
    ]);
  });

  it('leaves outputs open for an action that sets undeclared ones (dorny/paths-filter: one per filter)', () => {
    const findings = lint(
      steps('- uses: dorny/paths-filter@v3', '  id: f', '  with: {filters: "src: src/**"}', "- if: steps.f.outputs.src == 'true'", '  run: make'),
    );
    assert.deepEqual(ofRule(findings, 'expression'), []);
  });

  it('reports with.args and with.entrypoint on actions that are not Docker actions', () => {
    const findings = lint(
      steps(
        '- uses: actions/checkout@v7',
        '  with:',
        '    args: --depth 1',
        '- uses: re-actors/alls-green@v1',
        '  with:',
        '    jobs: x',
        '    entrypoint: /bin/sh',
      ),
    );
    assert.deepEqual(ofRule(findings, 'action'), [
      '8:11 action Action actions/checkout@v7 has no input "args": with.args is only for Docker container actions, and this one runs on node24; GitHub will ignore it.',
      '12:11 action Action re-actors/alls-green@v1 has no input "entrypoint": with.entrypoint is only for Docker container actions, and this one runs as a composite action; GitHub will ignore it.',
    ]);
  });

  it('accepts with.args and with.entrypoint on a Docker action and where the input list may be incomplete; reports them on a local node action', () => {
    const files = {
      'docker-action/action.yml': 'name: d\ndescription: d\ninputs:\n  level: {}\nruns:\n  using: docker\n  image: Dockerfile\n',
      'node-action/action.yml': 'name: n\ndescription: n\nruns:\n  using: node20\n  main: index.js\n',
    };
    // Local actions are looked up on the disk: a real folder holds them.
    const folder = tempFolder('shipshape-docker-inputs-');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(folder.path, path)), { recursive: true });
      writeFileSync(join(folder.path, path), text);
    }
    const findings = lint(
      steps(
        '- uses: ./docker-action',
        '  with: {args: --verbose, entrypoint: /run.sh, level: 1}',
        '- uses: ./node-action',
        '  with: {args: --verbose}',
        '- uses: CodSpeedHQ/action@v4',
        '  with: {args: x}',
      ),
      { files, root: folder.path },
    );
    folder.remove();
    assert.deepEqual(ofRule(findings, 'action'), [
      '9:16 action Action ./node-action has no input "args": with.args is only for Docker container actions, and this one runs on node20; GitHub will ignore it.',
    ]);
  });
});
