// Type-checks each layer with its own tsconfig: core/, protocol/ and webview/
// cannot see @types/vscode; the root config covers vscode/, cli/ and tests.
import { join } from 'node:path';
import { projectRoot } from './lib/paths.mjs';
import { run } from './lib/proc.mjs';

const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const projects = ['src/core/tsconfig.json', 'src/protocol/tsconfig.json', 'src/webview/tsconfig.json', 'tsconfig.json'];
let failed = 0;
for (const project of projects) {
  const { code } = await run(process.execPath, [tsc, '-p', project], { cwd: projectRoot });
  if (code !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
