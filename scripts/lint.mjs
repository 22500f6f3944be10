// The lint tier: ESLint (rules, layers), Prettier's format check, and that every README image is a
// screenshot a UI test saves (so it can be refreshed). All run; any failing fails.
import { join } from 'node:path';
import { runMain, say } from './lib/fail.mjs';
import { projectRoot } from './lib/paths.mjs';
import { run } from './lib/proc.mjs';

const bin = (...path) => join(projectRoot, 'node_modules', ...path);

async function main() {
  const eslint = await run(process.execPath, [bin('eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.'], { cwd: projectRoot });
  const prettier = await run(process.execPath, [bin('prettier', 'bin', 'prettier.cjs'), '--check', '--log-level', 'warn', '.'], { cwd: projectRoot });
  if (prettier.code !== 0) say('Formatting differs: run "npm run format" (Prettier) and commit the result.');
  const images = await run(process.execPath, [join(projectRoot, 'scripts', 'readme-images.mjs'), '--check'], { cwd: projectRoot });
  return eslint.code === 0 && prettier.code === 0 && images.code === 0 ? 0 : 1;
}

await runMain('lint', main);
