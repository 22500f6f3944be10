import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTENT_COMMANDS } from '../../src/cli/intent-commands';
import { runCli } from '../../src/cli/main';

const root = join(__dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: root });
  return { code, out, err };
}

describe('shipshape CLI', () => {
  it('prints help with exit 0', async () => {
    const result = await cli('--help');
    assert.equal(result.code, 0);
    assert.match(result.out, /^Usage: shipshape <command>/);
  });

  it('prints the package version', async () => {
    assert.deepEqual(await cli('--version'), { code: 0, out: `${version}\n`, err: '' });
  });

  it('exits 2 with one line on an unknown command or option', async () => {
    for (const arg of ['frobnicate', '--frobnicate']) {
      const result = await cli(arg);
      assert.equal(result.code, 2);
      assert.equal(result.err.trim().split('\n').length, 1);
      assert.match(result.err, /see "shipshape --help"/);
    }
  });

  it('exits 2 and shows usage when run with no arguments', async () => {
    const result = await cli();
    assert.equal(result.code, 2);
    assert.match(result.out, /Usage/);
  });

  it('runs every intent command (each module is loaded when its command runs)', async () => {
    for (const name of INTENT_COMMANDS.keys()) {
      const result = await cli(name, '--help');
      assert.equal(result.code, 0, `${name}: ${result.err}`);
      assert.match(result.out, /^Usage: shipshape /);
    }
  });

  const built = join(root, 'dist', 'cli.js');
  (existsSync(built) ? it : it.skip)(`runs as the built bin ${existsSync(built) ? '' : '(skipped: dist/cli.js not built; run "npm run build")'}`, () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.equal(manifest.bin.shipshape, './dist/cli.js');
    const result = spawnSync(process.execPath, [built, '--version'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `${version}\n`);
    assert.ok(readFileSync(built, 'utf8').startsWith('#!/usr/bin/env node'));
  });

  (existsSync(built) ? it : it.skip)(
    `exits quietly when its reader closes the pipe early (shipshape doctor | head -1)${existsSync(built) ? '' : ' (skipped: dist/cli.js not built)'}`,
    async () => {
      // doctor writes line by line: after head exits, the later writes hit a closed pipe.
      const folder = mkdtempSync(join(tmpdir(), 'shipshape-epipe-'));
      try {
        const { createDemoWorkspace } = await import('../../scripts/lib/demo-workspace.mjs');
        const { workspace } = createDemoWorkspace(folder);
        const result = spawnSync('sh', ['-c', `"${process.execPath}" "${built}" doctor --repo "${workspace}" | head -1`], { encoding: 'utf8' });
        assert.match(result.stdout, /^1\. 2 commits on main belong on a branch/);
        assert.doesNotMatch(result.stderr, /EPIPE|Error|at /);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );

  (existsSync(built) ? it : it.skip)(`lint loads no recovery or run code (start-up)${existsSync(built) ? '' : ' (skipped: dist/cli.js not built)'}`, () => {
    const folder = mkdtempSync(join(tmpdir(), 'shipshape-startup-'));
    try {
      writeFileSync(join(folder, 'ci.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
      // Node's own record of the built-in modules loaded, printed as the process ends.
      writeFileSync(join(folder, 'report.cjs'), "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n");
      const result = spawnSync(process.execPath, ['--require', join(folder, 'report.cjs'), built, 'lint', '--root', folder, 'ci.yml'], {
        cwd: folder,
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stdout);
      const loaded = JSON.parse(result.stderr) as string[];
      assert.ok(loaded.includes('NativeModule fs/promises'), 'the report is read');
      assert.deepEqual(
        loaded.filter((name) => /^NativeModule (crypto|perf_hooks|readline)$/.test(name)),
        [],
        'crypto (snapshots, runs), perf_hooks and readline are for other commands',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
