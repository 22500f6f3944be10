// The real-world corpus: every workflow and action.yml, with the repository
// root each one resolves `./` references against.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** shared/ sits beside the work tree (as /work/shared beside /work/main); BENCH_CORPUS overrides. */
export const CORPUS_DIR = process.env.BENCH_CORPUS ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus', 'github', 'real');

/** The Azure Pipelines corpus: one folder per repository, its tree kept so template paths resolve. BENCH_AZURE_CORPUS overrides. */
export const AZURE_CORPUS_DIR =
  process.env.BENCH_AZURE_CORPUS ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus', 'azure', 'real');

function yamlFilesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/i.test(entry.name)) found.push(path);
  }
  return found;
}

export const countLines = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** Returns undefined when the corpus is not on this machine. */
export function loadCorpus(corpusDir = CORPUS_DIR) {
  if (!existsSync(corpusDir)) return undefined;
  const files = [];
  for (const repo of readdirSync(corpusDir, { withFileTypes: true })) {
    if (!repo.isDirectory()) continue;
    const root = join(corpusDir, repo.name);
    for (const path of yamlFilesUnder(root).sort()) {
      const relativePath = relative(root, path);
      const text = readFileSync(path, 'utf8');
      const isAction = /(^|\/)action\.ya?ml$/i.test(relativePath) && !relativePath.startsWith('.github/workflows/');
      files.push({ path, root, relativePath, id: `${repo.name}/${relativePath}`, text, lines: countLines(text), isAction });
    }
  }
  return files;
}
