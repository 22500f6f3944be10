import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { tempFolder } from '../../support/temp';
import { repoWithWorkflow } from '../../support/repos';
import { job, logOf, runIn, step } from './helpers';

/*
 * actions/runner's ActionCommandManager and file commands: ::set-env and ::add-path fail the step unless
 * ACTIONS_ALLOW_UNSECURE_COMMANDS is true in the step's env; ::set-output and ::save-state still work, with a
 * deprecation warning; NODE_OPTIONS is refused from ::set-env and from $GITHUB_ENV (an error, the variable unset).
 * The commands are printed with printf so the script does not spell them (lint would flag a literal one).
 */
describe('local runs: the legacy workflow commands, as GitHub runs them', function () {
  this.timeout(60_000);
  const temp = tempFolder('shipshape-legacy-commands-');
  const store = join(temp.path, 'store', 'runs');
  after(() => temp.remove());

  it('fails ::set-env and ::add-path unless unsecure commands are allowed, and honours ::set-output with a warning', async () => {
    const repo = repoWithWorkflow(
      temp.path,
      'legacy',
      `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: setenv
        continue-on-error: true
        run: printf '::%s name=EVIL::bad\\n' set-env
      - id: addpath
        continue-on-error: true
        run: printf '::%s::/evil/bin\\n' add-path
      - id: out
        run: printf '::%s name=x::42\\n' set-output
      - id: allowed
        env:
          ACTIONS_ALLOW_UNSECURE_COMMANDS: 'true'
        run: |
          printf '::%s name=GOOD::yes\\n' set-env
          printf '::%s name=NODE_OPTIONS::--require=/tmp/x.js\\n' set-env
          printf '::%s::/allowed/bin\\n' add-path
      - id: file
        run: echo "NODE_OPTIONS=--require=/tmp/y.js" >> "$GITHUB_ENV"
      - id: show
        run: 'echo "EVIL=[$EVIL] GOOD=[$GOOD] NODE_OPTIONS=[$NODE_OPTIONS] x=[\${{ steps.out.outputs.x }}] PATH=$PATH"'
`,
    );
    const { record, updates } = await runIn(repo, store);
    const a = job(record, 'a');
    assert.equal(step(a, 'setenv').outcome, 'failure', 'set-env is disabled on GitHub');
    assert.equal(step(a, 'addpath').outcome, 'failure', 'add-path is disabled on GitHub');
    assert.equal(step(a, 'out').status, 'success');
    assert.equal(step(a, 'allowed').status, 'success');
    assert.equal(step(a, 'file').status, 'success', 'GitHub refuses the variable with an error; the step still passes');
    const shown = logOf(updates, 'a', step(a, 'show').index).join('\n');
    assert.match(shown, /EVIL=\[\] GOOD=\[yes\] NODE_OPTIONS=\[\] x=\[42\]/);
    assert.match(shown, /PATH=\/allowed\/bin:/);
    assert.doesNotMatch(shown, /\/evil\/bin/);
    const messages = a.annotations.map((annotation) => `${annotation.level}: ${annotation.message}`);
    assert.ok(
      messages.some((m) => /^error: .*`set-env` command is disabled/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^warning: .*`set-output` command is deprecated/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m === "error: Can't update NODE_OPTIONS environment variable using ::set-env:: command."),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m === "error: Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command."),
      messages.join('\n'),
    );
  });
});
