// Builds Shipshape's bundles, each for where it runs:
//   extension  src/vscode/extension.ts -> dist/extension.js   (Node, CommonJS, vscode external)
//   cli        src/cli/main.ts         -> dist/cli.js         (Node, CommonJS, `shipshape` bin)
//   run worker src/core/runs/worker/run-worker-main.ts -> dist/run-worker.js (Node child process of the extension)
//   worker     src/core/pipelines/worker/validation-worker-main.ts -> dist/validation-worker.js (a worker thread of the extension)
//   webviews   src/webview/*/main.ts   -> dist/webview/*.js   (browser, IIFE) + codicons
//   tests      test/integration/**     -> out/test/integration (with --tests; run inside VS Code)
// Flags: --production (minify, linked source maps), --watch, --tests.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

/** Prints esbuild's problems in the `file:line:col: error: text` form VS Code's $esbuild-watch matcher reads. */
const reportProblems = {
  name: 'report-problems',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * Replaces src/core/pipelines/schema/precompiled.ts with ajv standalone code:
 * the schemas are compiled here, once, instead of in every CLI run and at the
 * editor's first validation; the bundles then carry no ajv compiler to load.
 */
const precompileSchemas = {
  name: 'precompile-schemas',
  setup(build) {
    build.onLoad({ filter: /[\\/]schema[\\/]precompiled\.ts$/ }, () => {
      const Ajv = require('ajv').default;
      const standalone = require('ajv/dist/standalone').default;
      const options = require('./src/core/pipelines/schema/ajv-options.json');
      const ajv = new Ajv({ ...options, code: { source: true } });
      const names = ['github-workflow', 'github-action', 'shipshape-config'];
      for (const name of names) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', `${name}.schema.json`), 'utf8')), name);
      const code = standalone(ajv, Object.fromEntries(names.map((name) => [name, name])));
      const table = names.map((name) => `${JSON.stringify(name)}: exports[${JSON.stringify(name)}]`).join(', ');
      // validatorFor is the module's API (see precompiled.ts); its from-source version, which loads ajv, is not bundled.
      const api = 'exports.validatorFor = (name) => exports.PRECOMPILED[name];';
      return { contents: `${code}\nexports.PRECOMPILED = { ${table} };\n${api}\n`, loader: 'js', resolveDir: __dirname };
    });
  },
};

const common = {
  absWorkingDir: __dirname, // entry points and outputs relative to the project, whatever the cwd
  bundle: true,
  minify: production,
  sourcemap: production ? 'linked' : 'inline',
  sourcesContent: !production,
  logLevel: 'silent',
  plugins: [reportProblems],
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [reportProblems, precompileSchemas] };

function webviewEntries() {
  const root = path.join(__dirname, 'src', 'webview');
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'main.ts')))
    .map((entry) => ({ in: path.join(root, entry.name, 'main.ts'), out: entry.name }));
}

/** index.ts and every suite folder: suites/ (the demo workspace) and each folder with a workspace of its own. */
function integrationTestEntries() {
  const root = path.join(__dirname, 'test', 'integration');
  const folders = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return [
    { in: path.join(root, 'index.ts'), out: 'index' },
    ...folders.flatMap((folder) =>
      fs
        .readdirSync(path.join(root, folder))
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => ({ in: path.join(root, folder, name), out: `${folder}/${name.replace(/\.ts$/, '')}` })),
    ),
  ];
}

/** Codicons are copied next to the webview bundles: webviews never load from node_modules. */
function copyCodicons() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'webview', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const name of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, name), path.join(to, name));
}

async function main() {
  const builds = [
    { ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js' },
    { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
    { ...node, entryPoints: ['src/core/runs/worker/run-worker-main.ts'], outfile: 'dist/run-worker.js' },
    { ...node, entryPoints: ['src/core/pipelines/worker/validation-worker-main.ts'], outfile: 'dist/validation-worker.js' },
    { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: webviewEntries(), outdir: 'dist/webview' },
  ];
  if (withTests) {
    builds.push({ ...node, sourcemap: 'inline', external: ['vscode', 'mocha'], entryPoints: integrationTestEntries(), outdir: 'out/test/integration' });
  }
  if (!watch) fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true }); // no stale maps from another mode
  copyCodicons();
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (results.some((result) => result.status === 'rejected')) process.exit(1);
  fs.chmodSync(path.join(__dirname, 'dist', 'cli.js'), 0o755);
}

main().catch((error) => {
  console.error(`esbuild: ${error.message.split('\n')[0]}`);
  process.exit(1);
});
