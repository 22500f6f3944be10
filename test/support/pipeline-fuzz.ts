import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { PipelineKind } from '../../src/core/pipelines/pipeline-kind';
import { validatePipeline } from '../../src/core/pipelines/validate';
import { seeded, type Random } from './random';

/**
 * What the seeded fuzz tests over real pipeline files share (Azure's and GitLab's): the edits that
 * do not depend on the language, the edited text, and the run loop with its three promises (never
 * throws, never an 'internal' finding, every file under the bound). Each test brings its corpus and
 * its language's own edits.
 */
export interface CorpusFile {
  readonly path: string;
  readonly root: string;
  readonly text: string;
}

export type LineEdit = (lines: string[], random: Random, file: CorpusFile) => void;

/** Characters and markers YAML reads specially, inserted at random places (each fuzz adds its language's own, then `\\`). */
export const ODD_YAML = [
  '\t',
  '\r',
  '\0',
  '\u00a0',
  '\ufeff',
  '\u{1F600}',
  '{',
  '[',
  ']',
  '}',
  "'",
  '"',
  '*x',
  '&a ',
  '!!str ',
  '!custom ',
  '? ',
  '%YAML 1.2',
  '---',
  '...',
  '#',
  '|',
  '>-',
  ': ',
  '- ',
];

/** A line deleted, a line duplicated, a line's indentation changed. */
export const LINE_EDITS: readonly LineEdit[] = [
  (lines, random) => void lines.splice(random.int(lines.length), 1),
  (lines, random) => {
    const at = random.int(lines.length);
    lines.splice(at, 0, lines[at] ?? '');
  },
  (lines, random) => {
    const at = random.int(lines.length);
    const line = lines[at] ?? '';
    lines[at] = random.chance(0.5) ? `${' '.repeat(1 + random.int(4))}${line}` : line.replace(new RegExp(`^ {1,${1 + random.int(4)}}`), '');
  },
];

/** One of `odd` inserted at a random column of a random line. */
export const insertOdd =
  (odd: readonly string[]): LineEdit =>
  (lines, random) => {
    const at = random.int(lines.length);
    const line = lines[at] ?? '';
    const column = random.int(line.length + 1);
    lines[at] = `${line.slice(0, column)}${random.pick(odd)}${line.slice(column)}`;
  };

/** The file truncated (one time in ten), else one to four of `edits` applied. */
export function editedWith(edits: readonly LineEdit[]): (file: CorpusFile, random: Random) => string {
  return (file, random) => {
    if (random.chance(0.1)) return file.text.slice(0, random.int(file.text.length + 1)); // truncated
    const lines = file.text.split('\n');
    for (let count = 1 + random.int(4); count > 0; count--) random.pick(edits)(lines, random, file);
    return lines.join('\n');
  };
}

/** As the readers of lint and the editor: any path that cannot be read (a NUL in it included) is no file. */
function readDisk(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface FuzzRun {
  readonly name: string;
  readonly kind: PipelineKind;
  readonly files: readonly CorpusFile[];
  /** The corpus folder, for the file names in messages. */
  readonly folder: string;
  readonly seed: number;
  readonly runs: number;
  readonly boundMs: number;
  readonly edited: (file: CorpusFile, random: Random) => string;
}

/**
 * The runs: each picks a file and edits it; three times in ten the first other file it reads (a
 * template, an include) is edited too. A run over the bound is measured again (its fastest counts:
 * other processes share the CPU; a slow check stays slow).
 */
export function runFuzz({ name, kind, files, folder, seed, runs, boundMs, edited }: FuzzRun): void {
  const random = seeded(seed);
  let slowest = { ms: 0, where: '' };
  const texts = new Map(files.map((file) => [file.path, file.text]));
  for (let run = 0; run < runs; run++) {
    const file = random.pick(files);
    const text = edited(file, random);
    const editOther = random.chance(0.3);
    const otherSeed = random.int(2 ** 31);
    const where = `run ${run} (seed ${seed}): ${relative(folder, file.path)}`;
    const validate = (): { ms: number; findings: ReturnType<typeof validatePipeline>['findings'] } => {
      let otherEdited = !editOther;
      const readFile = (path: string): string | undefined => {
        const original = texts.get(path) ?? readDisk(path);
        if (otherEdited || original === undefined) return original;
        otherEdited = true;
        return edited({ path, root: file.root, text: original }, seeded(otherSeed));
      };
      const start = performance.now();
      const result = validatePipeline({ path: file.path, text, root: file.root, kind, readFile });
      return { ms: performance.now() - start, findings: result.findings };
    };
    let result: ReturnType<typeof validate>;
    try {
      result = validate();
      for (let retry = 0; retry < 4 && result.ms >= boundMs; retry++) {
        const again = validate();
        if (again.ms < result.ms) result = again;
      }
    } catch (error) {
      assert.fail(`${where} threw: ${error instanceof Error ? error.stack : String(error)}\n--- edited text ---\n${text}`);
    }
    const internal = result.findings.filter((finding) => finding.rule === 'internal');
    assert.deepEqual(internal, [], `${where}: internal findings\n--- edited text ---\n${text}`);
    assert.ok(result.ms < boundMs, `${where} took ${result.ms.toFixed(0)} ms (bound ${boundMs} ms)\n--- edited text ---\n${text}`);
    if (result.ms > slowest.ms) slowest = { ms: result.ms, where };
  }
  console.log(`      ${name} fuzz (seed ${seed}, ${runs} runs): slowest ${slowest.ms.toFixed(1)} ms, ${slowest.where}`);
}
