// Shipshape's TypeScript, bundled by esbuild into one CommonJS file the benchmarks require.
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Bundles `contents` (an entry whose imports resolve from `sourceDir`: the project, or a commit
 * exported by source-tree.mjs) into `outfile` and requires it. An exported commit has no
 * node_modules of its own: yaml and ajv come from the project's.
 */
export async function bundleTypeScript(esbuild, { projectRoot, sourceDir = projectRoot, contents, sourcefile, outfile, sourcemap = false, plugins = [] }) {
  await esbuild.build({
    stdin: { contents, resolveDir: sourceDir, sourcefile, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    nodePaths: [join(projectRoot, 'node_modules')],
    sourcemap,
    plugins,
    logLevel: 'silent',
  });
  return createRequire(import.meta.url)(outfile);
}
