import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { build } from 'esbuild';
import { EMPTY_CONFIG } from '../../../src/core/pipelines/config';
import { createLineLogger } from '../../../src/core/logger';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { outlineWorkflow } from '../../../src/core/pipelines/workflow-outline';
import { ValidationClient, type ValidationOutcome } from '../../../src/core/pipelines/worker/validation-client';
import { SupersedingQueue } from '../../../src/core/pipelines/worker/superseding-queue';
import type { ValidationRequest } from '../../../src/core/pipelines/worker/protocol';
import { tempFolder } from '../../support/temp';

const root = '/repo';
/** A workflow with an unknown context in `${{ }}`; `version` changes the text, not the findings. */
const request = (name: string, version = 0): ValidationRequest => ({
  path: `${root}/.github/workflows/${name}.yml`,
  text: ['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', `    timeout-minutes: ${version}`, '    steps:', '      - run: echo ${{ nope.x }}'].join(
    '\n',
  ),
  root,
  config: EMPTY_CONFIG,
});
const done = (outcome: ValidationOutcome) => {
  assert.equal(outcome.status, 'done', JSON.stringify(outcome));
  return outcome.status === 'done' ? outcome : assert.fail();
};

describe('validation in a worker thread (the real worker, bundled as esbuild.js bundles it)', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape-worker-');
  const workerPath = join(folder.path, 'validation-worker.js');
  const clients: ValidationClient[] = [];
  const lines: string[] = [];
  const client = (options: Partial<ConstructorParameters<typeof ValidationClient>[0]> = {}) => {
    const created = new ValidationClient({ workerPath, logger: createLineLogger((line) => lines.push(line), 'debug'), ...options });
    clients.push(created);
    return created;
  };

  before(async () => {
    await build({
      entryPoints: [join(__dirname, '../../../src/core/pipelines/worker/validation-worker-main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: workerPath,
      logLevel: 'silent',
    });
  });
  beforeEach(() => lines.splice(0));
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((each) => each.dispose()));
  });
  after(() => folder.remove());

  it('answers with the findings validatePipeline gives, from the worker', async () => {
    const validating = client();
    const outcome = done(await validating.validate(request('ci')));
    assert.equal(validating.mode, 'worker');
    assert.equal(outcome.kind, 'github-workflow');
    assert.deepEqual(outcome.findings, validatePipeline(request('ci')).findings);
    assert.ok(outcome.findings.some((finding) => finding.rule === 'expression'));
    // The Pipelines view's jobs and steps come with it, from the validator's own parse.
    assert.deepEqual(outcome.outline, outlineWorkflow(request('ci').text));
  });

  it("brings a GitLab file's stages and jobs (the Pipelines view's) with its findings", async () => {
    const gitlab: ValidationRequest = {
      path: `${root}/.gitlab-ci.yml`,
      text: 'stages: [build]\nbuild:\n  stage: build\n  script: make\n',
      root,
      config: EMPTY_CONFIG,
    };
    const outcome = done(await client().validate(gitlab));
    assert.deepEqual(outcome.gitlabOutline?.counts, { stages: 1, jobs: 1 });
    assert.deepEqual(outcome.gitlabOutline, validatePipeline({ ...gitlab, gitlab: { outline: true } }).gitlabOutline);
  });

  it('lets a newer version of a file supersede the pending one', async () => {
    const validating = client({ maxInFlight: 1 });
    const first = validating.validate(request('busy'));
    const versions = [1, 2, 3].map((version) => validating.validate(request('ci', version)));
    const outcomes = await Promise.all([first, ...versions]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['done', 'superseded', 'superseded', 'done'],
    );
    assert.deepEqual(done(outcomes[3] as ValidationOutcome).findings, validatePipeline(request('ci', 3)).findings);
  });

  it('settles a cancelled request as superseded', async () => {
    const validating = client({ maxInFlight: 1 });
    const busy = validating.validate(request('busy'));
    const waiting = validating.validate(request('ci'));
    validating.cancel(request('ci').path);
    assert.equal((await waiting).status, 'superseded');
    assert.equal((await busy).status, 'done');
  });

  it('keeps a bounded queue, dropping the oldest background request, and serves urgent ones first', async () => {
    const validating = client({ maxInFlight: 1, maxQueued: 2 });
    const answered: string[] = [];
    const track = (name: string, urgent = false) =>
      validating.validate(request(name), urgent).then((outcome) => void answered.push(`${name} ${outcome.status}`));
    await Promise.all([track('running'), track('old'), track('newer'), track('urgent', true)]);
    assert.deepEqual(answered, ['old dropped', 'running done', 'urgent done', 'newer done']);
  });

  it('restarts a worker that dies, logs it, and sends its work again', async () => {
    const validating = client();
    done(await validating.validate(request('warm-up')));
    const pending = validating.validate(request('ci'));
    // Stopping it behind the client's back stands for a crash.
    await (validating as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    assert.deepEqual(done(await pending).findings, validatePipeline(request('ci')).findings);
    assert.ok(
      lines.some((line) => /^warn: Validation worker stopped \(exit code \d+\); restarting it$/.test(line)),
      lines.join('\n'),
    );
    // The old worker may have answered before it stopped: a new one starts with the next request, not in this thread.
    done(await validating.validate(request('after')));
    assert.equal(validating.mode, 'worker');
  });

  it('validates in this thread, with a warning, when the worker cannot start', async () => {
    const validating = client({ workerPath: join(folder.path, 'missing-worker.js') });
    assert.deepEqual(done(await validating.validate(request('ci'))).findings, validatePipeline(request('ci')).findings);
    assert.equal(validating.mode, 'in-process');
    assert.ok(
      lines.some((line) => line.startsWith('warn: Validating pipeline files in the extension host instead: the validation worker could not start')),
      lines.join('\n'),
    );
  });

  it("stops a superseded request's linter process", async function () {
    if (process.platform === 'win32') this.skip();
    this.timeout(8000); // below the 10 s linter timeout: only the cancel can end it in time
    // A stand-in shellcheck that writes its pid and hangs; the worker sees PATH as it was when it started.
    const bin = join(folder.path, 'bin');
    const pidFile = join(folder.path, 'shellcheck.pid');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'shellcheck'), `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 30\n`);
    chmodSync(join(bin, 'shellcheck'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}${delimiter}${savedPath ?? ''}`;
    try {
      const validating = client();
      const hanging = validating.validate({ ...request('ci'), text: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: echo $A}]' });
      while (!existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 20));
      const pid = Number(readFileSync(pidFile, 'utf8'));
      validating.cancel(request('ci').path);
      assert.equal((await hanging).status, 'superseded');
      let alive = true;
      while (alive) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        try {
          process.kill(pid, 0);
        } catch {
          alive = false;
        }
      }
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('SupersedingQueue', () => {
  it('keeps one item per key, urgent first, and drops the oldest background item past its capacity', () => {
    const queue = new SupersedingQueue<string>(3);
    assert.deepEqual(queue.push('a', 'a1', false), {});
    assert.deepEqual(queue.push('b', 'b1', false), {});
    assert.deepEqual(queue.push('a', 'a2', false), { replaced: 'a1' });
    assert.deepEqual(queue.push('c', 'c1', true), {});
    assert.deepEqual(queue.push('d', 'd1', true), { dropped: 'b1' });
    assert.equal(queue.size, 3);
    assert.deepEqual([queue.shift(), queue.shift(), queue.shift(), queue.shift()], ['c1', 'd1', 'a2', undefined]);
  });
});
