import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { isScalar, parseAllDocuments, visit } from 'yaml';
import { checkExpression, extractExpressions, parseExpression } from '../../../src/core/pipelines/expressions';

// The shared corpus sits beside the work tree (../shared), locally and in CI.
const corpus = resolve(__dirname, '../../../../shared/corpus/github');
const folders = ['real', 'actionlint-ok'].map((name) => join(corpus, name));
const present = folders.every((folder) => existsSync(folder));

function* yamlFiles(folder: string): Generator<string> {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(name)) yield path;
  }
}

/** Raw `${{` occurrences outside comment lines: what the YAML walk must account for. */
function rawTemplateCount(text: string): number {
  return text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .reduce((count, line) => count + line.split('${{').length - 1, 0);
}

describe('expressions in the real-world corpus', function () {
  const title = 'every ${{ }} in github/real and github/actionlint-ok parses without a syntax problem';
  if (!present) {
    it.skip(`${title} (skipped: ${corpus} is absent)`, () => undefined);
    return;
  }

  it(title, () => {
    const started = performance.now();
    const failures: string[] = [];
    const checkerCrashes: string[] = [];
    let found = 0;
    let raw = 0;
    for (const folder of folders) {
      for (const file of yamlFiles(folder)) {
        const text = readFileSync(file, 'utf8');
        raw += rawTemplateCount(text);
        // Templates are read from the decoded YAML scalars: the raw text still holds YAML's own
        // escapes ('' in single-quoted scalars, \" in double-quoted ones), which are not expression syntax.
        for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
          if (!('contents' in doc)) continue;
          visit(doc, {
            Scalar(_key, node) {
              if (!isScalar(node) || typeof node.value !== 'string') return;
              for (const part of extractExpressions(node.value)) {
                found++;
                const where = `${relative(corpus, file)}: ${part.source.trim()}`;
                if (!part.closed) {
                  failures.push(`${where} (not closed)`);
                  continue;
                }
                const result = parseExpression(part.source);
                const problem = result.problems.find((p) => p.code === 'syntax' || p.code === 'limit');
                if (problem || !result.expr) {
                  failures.push(`${where}: ${problem?.message ?? 'no tree'}`);
                  continue;
                }
                const checked = checkExpression(result.expr, { contexts: {} });
                if (checked.problems.some((p) => p.code === 'limit')) checkerCrashes.push(where);
              }
            },
          });
        }
      }
    }
    const elapsed = performance.now() - started;
    assert.deepEqual(failures, []);
    assert.deepEqual(checkerCrashes, []);
    assert.ok(found > 4000, `only ${found} templates found`);
    assert.equal(found, raw, 'every ${{ outside a comment was seen in a YAML scalar');
    console.log(`      ${found} templates in ${elapsed.toFixed(0)} ms (YAML parsing included)`);
  });
});
