// Runs the same integration suites in desktop VS Code through
// @vscode/test-electron, for contributors who are online. (CI and offline
// machines use launch-offline.mjs: test-electron downloads VS Code.)
// Usage: npm run test:integration:electron [-- --version 1.100.3]
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoWorkspace } from '../../scripts/lib/demo-workspace.mjs';
import { runMain, SetupError } from '../../scripts/lib/fail.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { run } from '../../scripts/lib/proc.mjs';

const versionIndex = process.argv.indexOf('--version');
const version = versionIndex > 0 ? process.argv[versionIndex + 1] : 'stable';

async function main() {
  const { runTests } = await import('@vscode/test-electron');
  const build = await run(process.execPath, ['esbuild.js', '--tests'], { cwd: projectRoot });
  if (build.code !== 0) throw new SetupError('the build failed (see above)');
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-electron-'));
  const summaryFile = join(scratch, 'summary.json');
  try {
    const { workspace } = createDemoWorkspace(scratch);
    let exitCode;
    try {
      exitCode = await runTests({
        version,
        extensionDevelopmentPath: projectRoot,
        extensionTestsPath: join(projectRoot, 'out', 'test', 'integration', 'index.js'),
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
        extensionTestsEnv: { SHIPSHAPE_SUMMARY_FILE: summaryFile },
      });
    } catch (error) {
      if (!existsSync(summaryFile))
        throw new SetupError(
          `desktop VS Code could not be downloaded or started (${String(error?.message ?? error).split('\n')[0]}); offline, use "npm run test:integration".`,
        );
      exitCode = 1;
    }
    const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : { passed: 0, failed: 1 };
    process.stdout.write(`integration (electron): ${summary.passed} passed, ${summary.failed} failed\n`);
    return exitCode === 0 && summary.failed === 0 ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await runMain('integration (electron)', main);
