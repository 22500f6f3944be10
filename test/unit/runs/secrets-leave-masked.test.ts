import { strict as assert } from 'node:assert';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { repoWithWorkflow } from '../../support/repos';
import { tempFolder } from '../../support/temp';

const SECRET = 's3cr3t-value-' + 'xyzzy';

describe('local runs: secrets are masked in everything that leaves a run', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-secrets-out-');
  after(() => temp.remove());

  it('run --json and run.json carry no secret (outputs, summaries, reasons), and run.json is 0600', async () => {
    const workflow = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      leaked: \${{ steps.say.outputs.value }}
    steps:
      - id: say
        name: uses \${{ secrets.TOKEN }}
        run: |
          echo "value=\${{ secrets.TOKEN }}" >> "$GITHUB_OUTPUT"
          echo "summary \${{ secrets.TOKEN }}" >> "$GITHUB_STEP_SUMMARY"
`;
    const repo = repoWithWorkflow(temp.path, 'secrets', workflow);
    const secrets = join(temp.path, 'secrets.env');
    writeFileSync(secrets, `TOKEN=${SECRET}\n`);
    const store = join(temp.path, 'store');
    let out = '';
    const code = await runCli(['run', '--json', '--secret-file', secrets, '--store', store], {
      cwd: repo,
      env: {},
      out: (text) => (out += text),
      err: () => undefined,
    });
    assert.equal(code, 0, out);
    assert.ok(!out.includes(SECRET), 'run --json holds the secret');
    const record = JSON.parse(out) as { runId: string };
    const saved = join(store, record.runId, 'run.json');
    assert.ok(!readFileSync(saved, 'utf8').includes(SECRET), 'run.json holds the secret');
    assert.equal(statSync(saved).mode & 0o777, 0o600);
    assert.equal(statSync(join(store, record.runId)).mode & 0o777, 0o700);
  });
});
