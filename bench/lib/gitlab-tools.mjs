// The GitLab CI side of the benchmark: Shipshape's lint path and the floor the issue names (raw
// ajv validation of GitLab's ci.json) behind one shape, `run(repository)` over a repository's files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { bundleTypeScript } from './bundle-ts.mjs';
import { countLines } from './corpus.mjs';

/** gitlab-ci-local keeps one folder per test case, each included relative to itself: each is a root, as in test/unit/gitlab/corpus.test.ts. */
const TEST_CASES = join('firecow+gitlab-ci-local', 'tests', 'test-cases');

function yamlFilesUnder(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? yamlFilesUnder(path) : /\.ya?ml$/i.test(name) ? [path] : [];
    });
}

/** The corpus as repositories ({ root, files }), or undefined when it is not on this machine. */
export function loadGitLabCorpus(corpusDir) {
  if (!existsSync(corpusDir)) return undefined;
  const roots = [];
  for (const name of readdirSync(corpusDir).sort()) {
    const folder = join(corpusDir, name);
    if (!statSync(folder).isDirectory()) continue;
    const cases = join(corpusDir, TEST_CASES);
    if (name === 'firecow+gitlab-ci-local')
      roots.push(
        ...readdirSync(cases)
          .sort()
          .map((child) => join(cases, child)),
      );
    else roots.push(folder);
  }
  return roots.map((root) => ({
    root,
    files: yamlFilesUnder(root).map((path) => {
      const text = readFileSync(path, 'utf8');
      return { path, root, id: relative(corpusDir, path), text, lines: countLines(text) };
    }),
  }));
}

/**
 * What `shipshape lint --kind gitlab-ci FILE...` does once the files are read (`lintPaths` in
 * src/core/pipelines/lint-paths.ts): the repository's files checked together by
 * `validateGitLabFiles` (included files through their includer; wildcard includes matched against
 * the repository's YAML files on disk), then each file's `validatePipeline` with its findings,
 * kind forced. Files outside the set are read from disk, as lint does.
 */
export async function loadShipshapeGitLab(esbuild, projectRoot, outDir, { sourceDir = projectRoot, sourcemap = false } = {}) {
  const outfile = join(outDir, 'shipshape-gitlab.cjs');
  const {
    validatePipeline,
    validateGitLabFiles,
    listYamlFiles,
    forgetParsedSources,
    forgetParsedGitLabFiles = () => {},
  } = await bundleTypeScript(esbuild, {
    projectRoot,
    sourceDir,
    contents: [
      "export { validatePipeline } from './src/core/pipelines/validate';",
      "export { validateGitLabFiles } from './src/core/pipelines/gitlab/validate-gitlab-files';",
      "export { listYamlFiles } from './src/core/pipelines/gitlab/repository-files';",
      "export { forgetParsedSources } from './src/core/pipelines/yaml/source-cache';",
      // The GitLab parse cache (absent in commits before it, e.g. with --ref).
      ...(existsSync(join(sourceDir, 'src/core/pipelines/gitlab/parse-cache.ts'))
        ? ["export { forgetParsedGitLabFiles } from './src/core/pipelines/gitlab/parse-cache';"]
        : []),
    ].join('\n'),
    sourcefile: 'bench-shipshape-gitlab-entry.ts',
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
    forgetParsedGitLabFiles();
    const texts = new Map(repository.files.map((file) => [file.path, file.text]));
    const read = (path) => (texts.has(path) ? texts.get(path) : readDisk(path));
    const result = validateGitLabFiles({
      files: repository.files.map((file) => file.path),
      repositoryRoot: repository.root,
      read,
      list: () => listYamlFiles(repository.root),
    });
    let findings = 0;
    const internal = [];
    for (const file of repository.files) {
      const found = validatePipeline({
        path: file.path,
        text: file.text,
        root: repository.root,
        kind: 'gitlab-ci',
        gitlab: { findings: result.findings.get(file.path) ?? [] },
      }).findings;
      findings += found.length;
      keep?.push({ file: file.id, found });
      for (const finding of found) if (finding.rule === 'internal') internal.push(`${file.id}: ${finding.message}`);
    }
    return { findings, internal };
  };
  /** One file re-validated alone, as the editor does on an edit (its includes read from disk, caches kept). */
  const validateOne = (file, text) => validatePipeline({ path: file.path, text, root: file.root, kind: 'gitlab-ci' }).findings.length;
  return { name: 'Shipshape (lint path)', run, validateOne, bundleFile: outfile };
}

/**
 * The floor: GitLab's ci.json applied raw, as an editor's YAML extension applies a schema. Each
 * document of a file (a `spec:` header makes two) parsed by `yaml` and validated by ajv, compiled
 * once; no includes, no `extends`, no `!reference` resolved (yaml keeps the tagged list as it is).
 * ajv and yaml are the project's own (the versions Shipshape uses).
 */
export function loadAjvFloor(projectRoot, schemaPath) {
  const require = createRequire(join(projectRoot, 'package.json'));
  const Ajv = require('ajv').default;
  const { parseAllDocuments } = require('yaml');
  const ajvVersion = require('ajv/package.json').version;
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // strict off: ci.json uses keywords (markdownDescription) and formats (uri) ajv does not know.
  const validate = new Ajv({ allErrors: true, strict: false, logger: false }).compile(schema);
  const runFile = (file) => {
    let errors = 0;
    let failed = false;
    for (const document of parseAllDocuments(file.text)) {
      if (!validate(document.toJS({ maxAliasCount: -1 }))) {
        failed = true;
        errors += validate.errors?.length ?? 0;
      }
    }
    return { errors, failed };
  };
  return {
    name: `ajv ${ajvVersion} + GitLab ci.json (raw)`,
    runFile,
    run: (repository) => {
      let findings = 0;
      let failedFiles = 0;
      for (const file of repository.files) {
        const result = runFile(file);
        findings += result.errors;
        if (result.failed) failedFiles++;
      }
      return { findings, failedFiles, internal: [] };
    },
  };
}
