import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../../../src/core/runs/shells';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';
import { job, runIn, step } from './helpers';

// A space and a '#': the script sees the value as text inlined in it, as on GitHub.
const SECRET = 'tok-' + 'Zq9 #x/4711';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every file under `dir` whose bytes hold `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesHolding(path, needle));
    else if (entry.isFile() && readFileSync(path).includes(needle)) found.push(path);
  }
  return found;
}

describe('local runs: no secret in clear in the temp files of a job, which are private and go with the job', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-secret-files-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  /** A folder the steps write their findings to, outside the run's files. */
  const outFolder = (name: string) => {
    const out = join(temp.path, 'out', name);
    mkdirSync(out, { recursive: true });
    return out;
  };

  it('runs a script whose expressions hold a secret with the right value, but the script file holds none', async () => {
    const out = outFolder('script');
    const repo = repoWithWorkflow(
      temp.path,
      'script',
      `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: bash
        run: |
          printf %s "\${{ secrets.TOKEN }}" | sha256sum | cut -d' ' -f1 > "${out}/hash"
          printf %s '\${{ secrets.TOKEN }}' | sha256sum | cut -d' ' -f1 > "${out}/hash-single-quoted"
          cat "$0" > "${out}/script-copy.txt"
          stat -c '%a' "$RUNNER_TEMP" "$0" "$GITHUB_ENV" "$GITHUB_OUTPUT" "$GITHUB_PATH" "$GITHUB_STATE" "$GITHUB_STEP_SUMMARY" > "${out}/modes"
          echo "$RUNNER_TEMP" > "${out}/runner-temp"
          (env | grep -c '^SHIPSHAPE_SCRIPT' || true) > "${out}/script-variables-seen-by-children"
          echo "TOKEN_COPY=\${{ secrets.TOKEN }}" >> "$GITHUB_ENV"
          echo "summary \${{ secrets.TOKEN }}" >> "$GITHUB_STEP_SUMMARY"
      - id: python
        shell: python
        run: |
          import hashlib
          open('${out}/hash-python', 'w').write(hashlib.sha256('\${{ secrets.TOKEN }}'.encode()).hexdigest())
          open('${out}/python-copy.txt', 'w').write(open(__file__).read())
      - id: from-env-file
        run: printf %s "$TOKEN_COPY" | sha256sum | cut -d' ' -f1 > "${out}/hash-env-file"
`,
    );
    const { record } = await runIn(repo, store, { secrets: { TOKEN: SECRET } });
    const build = job(record, 'build');
    assert.equal(build.status, 'success', JSON.stringify(build.steps.map((s) => [s.id, s.status, s.reason])));
    const read = (name: string) => readFileSync(join(out, name), 'utf8').trim();
    // The step received the value, inlined as on GitHub (single quotes too).
    assert.equal(read('hash'), sha256(SECRET));
    assert.equal(read('hash-single-quoted'), sha256(SECRET));
    assert.equal(read('hash-python'), sha256(SECRET));
    assert.equal(read('hash-env-file'), sha256(SECRET));
    // ...but not through a file.
    assert.ok(read('script-copy.txt').length > 0);
    assert.ok(!read('script-copy.txt').includes(SECRET), `the bash script file holds the secret:\n${read('script-copy.txt')}`);
    assert.ok(!read('python-copy.txt').includes(SECRET), `the python script file holds the secret:\n${read('python-copy.txt')}`);
    assert.equal(read('script-variables-seen-by-children'), '0', 'the script reached the step’s child processes by environment');
    // Private while the job runs.
    assert.deepEqual(read('modes').split('\n'), ['700', '600', '600', '600', '600', '600', '600']);
    // Gone once it ended; the summary is kept, masked, in the record.
    assert.equal(existsSync(read('runner-temp')), false, 'the job temp folder is left behind');
    assert.equal(build.summary, 'summary ***\n');
    assert.deepEqual(filesHolding(temp.path, SECRET), [], 'a file holds the secret in clear');
    assert.deepEqual(filesHolding(join(tmpdir(), `shipshape-run-${record.runId}`), SECRET), []);
  });

  it('runs a script with a secret as the inlined script would: a quoted here-document, a long script, its exit code', async () => {
    const out = outFolder('semantics');
    const long = `# ${'x'.repeat(70_000)} ü 😀`; // beyond one environment variable's size, with multi-byte characters
    const repo = repoWithWorkflow(
      temp.path,
      'semantics',
      `on: push
jobs:
  inlined:
    runs-on: ubuntu-latest
    steps:
      - run: |
          ${long}
          sha256sum <<'EOF' | cut -d' ' -f1 > "${out}/heredoc"
          \${{ secrets.TOKEN }}
          EOF
          ${long}
          printf %s "\${{ secrets.TOKEN }}" | sha256sum | cut -d' ' -f1 > "${out}/long"
  exits:
    runs-on: ubuntu-latest
    steps:
      - run: |
          test -n "\${{ secrets.TOKEN }}"
          exit 7
`,
    );
    const { record } = await runIn(repo, store, { secrets: { TOKEN: SECRET } });
    assert.equal(job(record, 'inlined').status, 'success', job(record, 'inlined').steps[0]?.reason);
    assert.equal(readFileSync(join(out, 'heredoc'), 'utf8').trim(), sha256(`${SECRET}\n`));
    assert.equal(readFileSync(join(out, 'long'), 'utf8').trim(), sha256(SECRET));
    assert.equal(job(record, 'exits').steps[0]?.exitCode, 7);
  });

  const noPwsh = findOnPath('pwsh', process.env.PATH) ? '' : ' (skipped: pwsh is not on PATH)';
  it(`hands pwsh a script with a secret the same way${noPwsh}`, async function () {
    if (noPwsh) this.skip();
    const out = outFolder('pwsh');
    const repo = repoWithWorkflow(
      temp.path,
      'pwsh',
      `on: push
jobs:
  pwsh:
    runs-on: ubuntu-latest
    steps:
      - shell: pwsh
        run: |
          $bytes = [Text.Encoding]::UTF8.GetBytes('\${{ secrets.TOKEN }}')
          $hash = [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash($bytes)).Replace('-', '').ToLower()
          Set-Content -NoNewline -Path '${out}/hash' -Value $hash
          Set-Content -NoNewline -Path '${out}/copy' -Value (Get-Content -Raw $PSCommandPath)
          Set-Content -NoNewline -Path '${out}/children' -Value (bash -c 'env | grep -c ^SHIPSHAPE_SCRIPT || true')
`,
    );
    const { record } = await runIn(repo, store, { secrets: { TOKEN: SECRET } });
    assert.equal(record.status, 'success', job(record, 'pwsh').steps[0]?.reason);
    assert.equal(readFileSync(join(out, 'hash'), 'utf8'), sha256(SECRET));
    assert.ok(!readFileSync(join(out, 'copy'), 'utf8').includes(SECRET));
    assert.equal(readFileSync(join(out, 'children'), 'utf8').trim(), '0');
  });

  it('removes the job temp folder when a step fails, and when the run is cancelled', async () => {
    const out = outFolder('endings');
    const repo = repoWithWorkflow(
      temp.path,
      'endings',
      `on: push
jobs:
  fails:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "$RUNNER_TEMP" > "${out}/fails"
          echo "TOKEN=\${{ secrets.TOKEN }}" >> "$GITHUB_ENV"
          exit 3
`,
    );
    const failed = await runIn(repo, store, { secrets: { TOKEN: SECRET } });
    assert.equal(job(failed.record, 'fails').status, 'failure');
    const failedTemp = readFileSync(join(out, 'fails'), 'utf8').trim();
    assert.ok(failedTemp.startsWith(join(store, failed.record.runId)), failedTemp);
    assert.equal(existsSync(failedTemp), false, 'a failed job left its temp folder');

    const cancelRepo = repoWithWorkflow(
      temp.path,
      'cancel',
      `on: push
jobs:
  cancelled:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "$RUNNER_TEMP" > "${out}/cancelled"
          echo "TOKEN=\${{ secrets.TOKEN }}" >> "$GITHUB_ENV"
          echo ready
          sleep 30
`,
    );
    const controller = new AbortController();
    const cancelled = await runIn(cancelRepo, store, {
      secrets: { TOKEN: SECRET },
      signal: controller.signal,
      onUpdate: (update) => {
        if (update.type === 'log' && update.lines.includes('ready')) controller.abort();
      },
    });
    assert.equal(job(cancelled.record, 'cancelled').status, 'cancelled');
    const cancelledTemp = readFileSync(join(out, 'cancelled'), 'utf8').trim();
    assert.equal(existsSync(cancelledTemp), false, 'a cancelled job left its temp folder');
    assert.deepEqual(filesHolding(store, SECRET), []);
  });

  it('refuses a secret in the script of a shell it cannot hand one to safely, and writes nothing', async function () {
    if (!findOnPath('node', process.env.PATH)) this.skip();
    const out = outFolder('custom');
    const repo = repoWithWorkflow(
      temp.path,
      'custom',
      `on: push
jobs:
  custom:
    runs-on: ubuntu-latest
    steps:
      - id: plain
        shell: node {0}
        run: require('fs').writeFileSync('${out}/plain', 'ran')
      - id: secret
        shell: node {0}
        run: require('fs').writeFileSync('${out}/secret', '\${{ secrets.TOKEN }}'.length + '')
`,
    );
    const { record } = await runIn(repo, store, { secrets: { TOKEN: SECRET } });
    const custom = job(record, 'custom');
    assert.equal(step(custom, 'plain').status, 'success', step(custom, 'plain').reason);
    assert.equal(readFileSync(join(out, 'plain'), 'utf8'), 'ran');
    assert.equal(step(custom, 'secret').status, 'failure');
    assert.match(step(custom, 'secret').reason ?? '', /secret/);
    assert.equal(existsSync(join(out, 'secret')), false);
    assert.deepEqual(filesHolding(temp.path, SECRET), []);
  });

  it('keeps the job temp folder private (0700) and its files 0600 even without secrets', async () => {
    const out = outFolder('modes');
    const repo = repoWithWorkflow(
      temp.path,
      'modes',
      `on: push
jobs:
  modes:
    runs-on: ubuntu-latest
    steps:
      - run: stat -c '%a' "$RUNNER_TEMP" "$0" "$GITHUB_ENV" "$GITHUB_STEP_SUMMARY" > "${out}/modes"
`,
    );
    const { record } = await runIn(repo, store);
    assert.equal(record.status, 'success', record.problem);
    assert.deepEqual(readFileSync(join(out, 'modes'), 'utf8').trim().split('\n'), ['700', '600', '600', '600']);
    assert.equal(statSync(join(store, record.runId)).mode & 0o777, 0o700);
  });
});
