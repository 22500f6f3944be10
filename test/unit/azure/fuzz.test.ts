import { readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { CORPUS_ROOT, corpusAvailable, corpusSkipReason, filesUnder } from '../../support/corpus';
import { editedWith, insertOdd, LINE_EDITS, ODD_YAML, runFuzz, type CorpusFile, type LineEdit } from '../../support/pipeline-fuzz';

/**
 * Seeded fuzz over real Azure Pipelines files: random edits (lines deleted or duplicated,
 * indentation changed, `${{ if }}` inserted, template paths broken or made cyclic, odd
 * characters, tags, anchors, truncation), to the file checked and sometimes to a template it
 * reads, then validatePipeline with the kind forced. Never throws, never an 'internal' finding,
 * every file under 200 ms (issue #13's bound).
 * Replay with SHIPSHAPE_AZURE_FUZZ_SEED=<seed>; SHIPSHAPE_AZURE_FUZZ_RUNS sets the number of runs.
 */
const SEED = Number(process.env.SHIPSHAPE_AZURE_FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.SHIPSHAPE_AZURE_FUZZ_RUNS ?? 600);
const BOUND_MS = 200;
const AZURE = join(CORPUS_ROOT, 'azure', 'real');

function azureCorpus(): CorpusFile[] {
  return filesUnder(AZURE)
    .filter((path) => /\.ya?ml$/i.test(path))
    .sort()
    .map((path) => ({ path, root: join(AZURE, relative(AZURE, path).split('/')[0] as string), text: readFileSync(path, 'utf8') }));
}

const lineEdits: readonly LineEdit[] = [
  ...LINE_EDITS,
  (lines, random) => {
    const at = random.int(lines.length);
    const indent = /^ */.exec(lines[at] ?? '')?.[0] ?? '';
    const condition = random.pick(['eq(parameters.x, true)', "ne(variables['Build.Reason'], 'PullRequest')", 'parameters.missing', '', 'eq(', 'true']);
    const word = random.pick(['if', 'elseif', 'else', 'each item in parameters.list', 'insert']);
    lines.splice(at, 0, `${indent}${random.chance(0.5) ? '- ' : ''}\${{ ${word === 'if' || word === 'elseif' ? `${word} ${condition}` : word} }}:`);
  },
  (lines, random, file) => {
    const templates = lines.map((line, index) => [line, index] as const).filter(([line]) => /template:/.test(line));
    const [line, at] = templates.length ? random.pick(templates) : [`- template: x.yml`, random.int(lines.length)];
    const broken = random.pick([
      'missing/nowhere.yml',
      '../../../../../../etc/passwd',
      basename(file.path), // itself: a cycle when the file is in its own folder
      '${{ parameters.nope }}.yml',
      'steps.yml@other',
      '',
      '/',
      '@self',
      'C:\\windows\\x.yml',
    ]);
    const replaced = line.replace(/template:.*$/, `template: ${broken}`);
    if (templates.length) lines[at] = replaced;
    else lines.splice(at, 0, replaced);
  },
  insertOdd([...ODD_YAML, '${{', '}}', '$[', '$(', '\\']),
  (lines, random) => {
    const at = random.int(lines.length);
    lines[at] = (lines[at] ?? '').replace(/^(\s*-?\s*)([\w.]+:)/, `$1$2 ${random.pick(['&anchor', '*anchor', '!tag', '!!binary', '<<: *anchor'])}`);
  },
];

const edited = editedWith(lineEdits);

describe(`Azure fuzz: edited real files never throw, never fail inside, stay under ${BOUND_MS} ms (seed ${SEED})${corpusSkipReason}`, function () {
  this.timeout(120_000);
  let files: CorpusFile[] = [];
  before(function () {
    if (!corpusAvailable || !statSync(AZURE, { throwIfNoEntry: false })) this.skip();
    files = azureCorpus();
    // Warm, as an editor that has validated files before: the first calls compile the code and the schemas' tables.
    for (const file of files.filter((_, index) => index % 5 === 0))
      validatePipeline({ path: file.path, text: file.text, root: file.root, kind: 'azure-pipelines' });
  });

  it(`${RUNS} runs over the Azure corpus, kind forced (seed ${SEED})`, () =>
    runFuzz({ name: 'Azure', kind: 'azure-pipelines', files, folder: AZURE, seed: SEED, runs: RUNS, boundMs: BOUND_MS, edited }));
});
