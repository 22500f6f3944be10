// The Azure Pipelines side of the benchmark: Shipshape's lint path and Microsoft's language
// service behind one shape, `run(repository)` for a whole repository's files (Shipshape checks
// a repository's files together, as `shipshape lint` does) and `runFile(file)` for one file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleTypeScript } from './bundle-ts.mjs';

/**
 * What `shipshape lint --kind azure-pipelines FILE...` does once the files are read
 * (`lintPaths` in src/core/pipelines/lint-paths.ts): the repository's Azure files checked together
 * by `validateAzureFiles` (templates expanded through the pipelines that use them), then each
 * file's `validatePipeline` with those findings, kind forced. Files outside the set are read from
 * disk, as lint does.
 */
export async function loadShipshapeAzure(esbuild, projectRoot, outDir, { sourceDir = projectRoot, sourcemap = false } = {}) {
  const outfile = join(outDir, 'shipshape-azure.cjs');
  const {
    validatePipeline,
    validateAzureFiles,
    forgetParsedSources,
    forgetParsedTemplates = () => {},
  } = await bundleTypeScript(esbuild, {
    projectRoot,
    sourceDir,
    contents: [
      "export { validatePipeline } from './src/core/pipelines/validate';",
      "export { validateAzureFiles } from './src/core/pipelines/azure/validate-azure-files';",
      "export { forgetParsedSources } from './src/core/pipelines/yaml/source-cache';",
      // The Azure parse cache (absent in commits before it, e.g. with --ref).
      ...(existsSync(join(sourceDir, 'src/core/pipelines/azure/templates/parse-cache.ts'))
        ? ["export { forgetParsedTemplates } from './src/core/pipelines/azure/templates/parse-cache';"]
        : []),
    ].join('\n'),
    sourcefile: 'bench-shipshape-azure-entry.ts',
    outfile,
    sourcemap,
  });
  const readDisk = (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  /** Every file of one repository, as lint checks them; returns the findings counted (and, with `keep`, each file's findings). */
  const run = (repository, keep) => {
    // As a fresh `shipshape lint` process per repository: no parse kept from the pass before.
    forgetParsedSources();
    forgetParsedTemplates();
    const texts = new Map(repository.files.map((file) => [file.path, file.text]));
    const result = validateAzureFiles({
      files: repository.files.map((file) => file.path),
      repositoryRoot: repository.root,
      read: (path) => (texts.has(path) ? texts.get(path) : readDisk(path)),
    });
    let findings = 0;
    const internal = [];
    for (const file of repository.files) {
      const found = validatePipeline({
        path: file.path,
        text: file.text,
        root: repository.root,
        kind: 'azure-pipelines',
        azure: { findings: result.findings.get(file.path) ?? [] },
      }).findings;
      findings += found.length;
      keep?.push({ file: file.id, found });
      for (const finding of found) if (finding.rule === 'internal') internal.push(`${file.id}: ${finding.message}`);
    }
    return { findings, internal };
  };
  /** One file re-validated alone, as the editor does on an edit (the parse cache kept). */
  const validateOne = (file, text) => validatePipeline({ path: file.path, text, root: file.root, kind: 'azure-pipelines' }).findings.length;
  return { name: 'Shipshape', run, validateOne, bundleFile: outfile };
}

/** Where VS Code keeps Microsoft's extension (`ms-azure-devops.azure-pipelines-*`), whose schema the server is configured with. */
function installedExtensionSchema() {
  const roots = ['.vscode/extensions', '.vscode-server/extensions', '.local/share/code-server/extensions', '.vscode-oss/extensions'].map((dir) =>
    join(homedir(), dir),
  );
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const found = readdirSync(root)
      .filter((name) => name.startsWith('ms-azure-devops.azure-pipelines-'))
      .sort()
      .reverse();
    for (const name of found) if (existsSync(join(root, name, 'service-schema.json'))) return join(root, name, 'service-schema.json');
  }
  return undefined;
}

/**
 * The schema the peer validates against: `BENCH_AZURE_SCHEMA` (a copy of the extension's
 * `service-schema.json`), else the one of an installed extension. The npm package ships none.
 * Without it the peer runs with an empty schema: YAML parse and the schema walk only, a lower
 * bound of its real cost (the real schema is 1.6 MB of anyOf branches), and none of its 711
 * schema diagnostics.
 */
export function azureSchema() {
  const path = process.env.BENCH_AZURE_SCHEMA ?? installedExtensionSchema();
  if (path && existsSync(path)) return { path, schema: JSON.parse(readFileSync(path, 'utf8')), real: true };
  return { path: undefined, schema: {}, real: false };
}

/**
 * Microsoft's `azure-pipelines-language-service`, configured as its language server configures
 * it (validation on, the schema for every file) and called as the server calls it on a change:
 * `parse` of the text, then `doValidation`. Schema compilation is cached by the service across
 * files, as in the server. The schema is copied first: the service resolves `$ref`s in place.
 */
export function loadAzureLanguageService(benchDir, { schema: given }, name = 'azure-pipelines-language-service 0.9.2') {
  const schema = JSON.parse(JSON.stringify(given));
  const require = createRequire(join(benchDir, 'package.json'));
  const service = require('azure-pipelines-language-service');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const schemaUri = 'file:///service-schema.json';
  const languageService = service.getLanguageService(() => Promise.resolve(schema), [], undefined, {
    resolveRelativePath: (relative, resource) => new URL(relative, resource).toString(),
  });
  languageService.configure({ validate: true, schemas: [{ uri: schemaUri, fileMatch: ['*'], schema }] });
  const runFile = async (file) => {
    const document = TextDocument.create(pathToFileURL(file.path).href, 'yaml', 1, file.text);
    const yamlDocument = service.parse(file.text);
    // Its schema service prints a trace of each lookup to the console: silenced, not timed.
    const log = console.log;
    console.log = () => {};
    try {
      return (await languageService.doValidation(document, yamlDocument)).length;
    } finally {
      console.log = log;
    }
  };
  return {
    name,
    runFile,
    run: async (repository) => {
      let findings = 0;
      for (const file of repository.files) findings += await runFile(file);
      return { findings, internal: [] };
    },
  };
}
