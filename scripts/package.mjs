// `npm run package`: a release build, then a .vsix made with @vscode/vsce.
// Dependencies are bundled by esbuild, so the package carries no node_modules.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runMain, say, SetupError } from './lib/fail.mjs';
import { projectRoot } from './lib/paths.mjs';
import { run } from './lib/proc.mjs';

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  return join(projectRoot, `${name}-${version}.vsix`);
}

export async function packageExtension({ quiet = false } = {}) {
  const build = await run(process.execPath, ['esbuild.js', '--production'], { cwd: projectRoot, quiet });
  if (build.code !== 0) throw new SetupError('the release build failed');
  const out = vsixPath();
  const vsce = join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = await run(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
    { cwd: projectRoot, quiet: true },
  );
  if (result.code !== 0) throw new SetupError(`vsce could not package the extension: ${result.output.trim().split('\n').filter(Boolean).pop()}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runMain('package', async () => {
    const out = await packageExtension();
    say(`Packaged ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);
  });
}
