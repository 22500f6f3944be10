import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outlineSource, outlineWorkflow } from '../../src/core/pipelines/workflow-outline';
import { parseSource } from '../../src/core/pipelines/yaml/source-file';

describe('outlineWorkflow', () => {
  it('lists jobs with needs, runs-on, steps and key lines', () => {
    const outline = outlineWorkflow(
      [
        'name: CI',
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: |',
        '          npm ci',
        '          npm test',
        '  deploy:',
        '    name: Deploy site',
        '    needs: build',
        '    runs-on: [self-hosted, linux]',
        '    steps:',
        '      - name: Ship it',
        '        run: ./deploy.sh',
        '  reuse:',
        '    needs: [build, deploy]',
        '    uses: ./.github/workflows/other.yml',
      ].join('\n'),
    );
    assert.equal(outline.name, 'CI');
    assert.equal(outline.problem, undefined);
    assert.deepEqual(
      outline.jobs.map((job) => [job.id, job.name, job.needs, job.runsOn, job.steps, job.line]),
      [
        ['build', undefined, [], 'ubuntu-latest', ['actions/checkout@v4', 'npm ci'], 3],
        ['deploy', 'Deploy site', ['build'], 'self-hosted, linux', ['Ship it'], 10],
        ['reuse', undefined, ['build', 'deploy'], undefined, ['uses ./.github/workflows/other.yml'], 17],
      ],
    );
  });

  it('reports malformed YAML as a problem instead of throwing', () => {
    const outline = outlineWorkflow('jobs:\n  build: [unclosed\n');
    assert.ok(outline.problem);
    assert.deepEqual(outline.jobs, []);
  });

  it('survives a billion-laughs alias bomb', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const outline = outlineWorkflow(bomb);
    assert.ok(outline.problem, 'alias expansion must be bounded');
  });

  it('treats a scalar document as not a workflow', () => {
    assert.equal(outlineWorkflow('just text').problem, 'The file is not a YAML mapping.');
  });
});

describe("outlineSource (the outline from the validator's parse)", () => {
  it('gives the outline outlineWorkflow gives, on every workflow of the real-world corpus', function () {
    const corpus = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'github', 'real');
    if (!existsSync(corpus)) this.skip();
    const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((name) => /\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/.test(name));
    assert.ok(files.length > 300);
    for (const name of files) {
      const text = readFileSync(join(corpus, name), 'utf8');
      assert.deepEqual(outlineSource(parseSource(text, name)), outlineWorkflow(text), name);
    }
  });
});
