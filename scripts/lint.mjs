// The lint tier: ESLint (rules, layers) and Prettier's format check. Both run; either failing fails.
import { join } from 'node:path';
import { runMain, say } from './lib/fail.mjs';
import { projectRoot } from './lib/paths.mjs';
import { run } from './lib/proc.mjs';

const bin = (...path) => join(projectRoot, 'node_modules', ...path);

async function main() {
  const eslint = await run(process.execPath, [bin('eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.'], { cwd: projectRoot });
  const prettier = await run(process.execPath, [bin('prettier', 'bin', 'prettier.cjs'), '--check', '--log-level', 'warn', '.'], { cwd: projectRoot });
  if (prettier.code !== 0) say('Formatting differs: run "npm run format" (Prettier) and commit the result.');
  return eslint.code === 0 && prettier.code === 0 ? 0 : 1;
}

await runMain('lint', main);
