import { strict as assert } from 'node:assert';

// The sandbox and test commands' own checks (scripts/lib), as plain functions.
describe('setup scripts', () => {
  it('requires Node 20 and says why in one line', async () => {
    const { checkNodeVersion } = await import('../../scripts/lib/prereqs.mjs');
    assert.doesNotThrow(() => checkNodeVersion('20.20.2'));
    for (const version of ['18.19.0', '22.3.0', '24.0.0']) {
      assert.throws(
        () => checkNodeVersion(version),
        (error: Error) =>
          error.name === 'SetupError' &&
          !error.message.includes('\n') &&
          error.message.includes(`this is ${version}`) &&
          /code-server 4\.100\.3/.test(error.message),
      );
    }
  });

  it('names the exact apt-get line when it cannot install as root', async function () {
    const { existsSync } = await import('node:fs');
    if (!existsSync('/usr/bin/dpkg-query')) this.skip(); // skipped: not a Debian system, so no apt-get line to print
    const { ensureDebianPackages } = await import('../../scripts/lib/prereqs.mjs');
    await assert.rejects(ensureDebianPackages(['git', 'shipshape-no-such-package'], { isRoot: false }), {
      name: 'SetupError',
      message: 'missing Debian packages; run as root: apt-get update && apt-get install -y --no-install-recommends shipshape-no-such-package',
    });
  });

  it('chooses a free port, and names a busy one', async () => {
    const { choosePort } = await import('../../scripts/lib/code-server.mjs');
    const { createServer } = await import('node:net');
    const port = await choosePort();
    assert.ok(port > 0);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      await assert.rejects(choosePort(port), new RegExp(`port ${port} is busy`));
    } finally {
      blocker.close();
    }
  });
});
