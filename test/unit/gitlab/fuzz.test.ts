import { readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { CORPUS_ROOT, corpusAvailable, corpusSkipReason, filesUnder } from '../../support/corpus';
import { editedWith, insertOdd, LINE_EDITS, ODD_YAML, runFuzz, type CorpusFile, type LineEdit } from '../../support/pipeline-fuzz';

/**
 * Seeded fuzz over real GitLab CI files: random edits (lines deleted or duplicated, indentation
 * changed, include paths broken or made cyclic, `extends` cycles, odd characters and tags,
 * `!reference` garbage, truncation), to the file checked and sometimes to a file it includes, then
 * validatePipeline with the kind forced. Never throws, never an 'internal' finding, every file
 * under 200 ms (issue #14's bound).
 * Replay with SHIPSHAPE_GITLAB_FUZZ_SEED=<seed>; SHIPSHAPE_GITLAB_FUZZ_RUNS sets the number of runs.
 */
const SEED = Number(process.env.SHIPSHAPE_GITLAB_FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.SHIPSHAPE_GITLAB_FUZZ_RUNS ?? 500);
const BOUND_MS = 200;
const GITLAB = join(CORPUS_ROOT, 'gitlab', 'real');
/** gitlab-ci-local's test cases include relative to themselves: each is a root, as in corpus.test.ts. */
const TEST_CASES = join('firecow+gitlab-ci-local', 'tests', 'test-cases');

function rootOf(path: string): string {
  const [repository, ...rest] = relative(GITLAB, path).split('/');
  if (join(repository ?? '', ...rest.slice(0, 2)) === TEST_CASES) return join(GITLAB, TEST_CASES, rest[2] ?? '');
  return join(GITLAB, repository ?? '');
}

function gitLabCorpus(): CorpusFile[] {
  return filesUnder(GITLAB)
    .filter((path) => /\.ya?ml$/i.test(path))
    .sort()
    .map((path) => ({ path, root: rootOf(path), text: readFileSync(path, 'utf8') }));
}

const REFERENCE_GARBAGE = [
  '!reference [.nowhere, script]',
  '!reference []',
  '!reference [.x]',
  '!reference [.x, [a], {b: c}]',
  '!reference {a: b}',
  '!reference scalar',
  '!reference [',
  '!reference [*x, y]',
  '!reference [.a, .a, .a, .a, .a, .a, .a, .a, .a, .a, .a, .a]',
];

/** The job names written at the start of a line (`name:` at column 0, not a global keyword). */
const jobNames = (lines: readonly string[]): string[] =>
  lines
    .flatMap((line) => /^([.\w][\w.: -]*?):\s*(#.*)?$/.exec(line)?.[1] ?? [])
    .filter((name) => !['stages', 'variables', 'include', 'default', 'workflow'].includes(name));

const lineEdits: readonly LineEdit[] = [
  ...LINE_EDITS,
  // An include path broken, made cyclic (the file itself), a wildcard, a variable.
  (lines, random, file) => {
    const includes = lines.map((line, index) => [line, index] as const).filter(([line]) => /(local:|^\s*- ['"]?\/?[\w./-]+\.ya?ml)/.test(line));
    const target = random.pick([
      'missing/nowhere.yml',
      '../../../../../../etc/passwd.yml',
      `/${relative(file.root, file.path)}`,
      basename(file.path),
      '**/*.yml',
      '/.gitlab/**.yml',
      '$CI_PROJECT_DIR/x.yml',
      'no-extension',
      '',
      '/',
    ]);
    if (includes.length) {
      const [line, at] = random.pick(includes);
      lines[at] = line.replace(/(local:\s*|- )['"]?[^'"\s]*['"]?/, `$1'${target}'`);
    } else lines.splice(0, 0, 'include:', `  - local: '${target}'`);
  },
  // `extends` that closes a cycle, names nothing, or goes deep.
  (lines, random) => {
    const names = jobNames(lines);
    const name = names.length ? random.pick(names) : '.x';
    const at = lines.findIndex((line) => line.startsWith(`${name}:`));
    const target = random.pick([name, names.length ? random.pick(names) : name, '.nowhere', '[.a, .b]', "''", '{}']);
    lines.splice(at < 0 ? lines.length : at + 1, 0, `  extends: ${target}`);
    if (random.chance(0.3)) lines.push('.a:', '  extends: .b', '.b:', '  extends: .a');
  },
  insertOdd([...ODD_YAML, '$[[', ']]', '$[[ inputs.nope ]]', '<<: ', '\\']),
  (lines, random) => {
    const at = random.int(lines.length);
    lines[at] = (lines[at] ?? '').replace(
      /^(\s*-?\s*)([\w.]+:)(.*)$/,
      `$1$2 ${random.pick([...REFERENCE_GARBAGE, '&anchor', '*anchor', '!tag', '!!binary', '<<: *anchor'])}`,
    );
  },
];

const edited = editedWith(lineEdits);

describe(`GitLab fuzz: edited real files never throw, never fail inside, stay under ${BOUND_MS} ms (seed ${SEED})${corpusSkipReason}`, function () {
  this.timeout(120_000);
  let files: CorpusFile[] = [];
  before(function () {
    if (!corpusAvailable || !statSync(GITLAB, { throwIfNoEntry: false })) this.skip();
    files = gitLabCorpus();
    // Warm, as an editor that has validated files before: the first calls compile the code.
    for (const file of files.filter((_, index) => index % 5 === 0)) validatePipeline({ path: file.path, text: file.text, root: file.root, kind: 'gitlab-ci' });
  });

  it(`${RUNS} runs over the GitLab corpus, kind forced (seed ${SEED})`, () =>
    runFuzz({ name: 'GitLab', kind: 'gitlab-ci', files, folder: GITLAB, seed: SEED, runs: RUNS, boundMs: BOUND_MS, edited }));
});
