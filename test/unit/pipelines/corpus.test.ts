import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { classifyPipelinePath } from '../../../src/core/pipelines/pipeline-kind';
import { EMPTY_CONFIG } from '../../../src/core/pipelines/config';
import { validatePipeline } from '../../../src/core/pipelines/validate';
import { CORPUS_ROOT, corpusAvailable, corpusSkipReason, filesUnder } from '../../support/corpus';

const ACCEPTED = join(__dirname, '..', '..', 'corpus', 'github-real-accepted.txt');
const ACCEPTED_OK = join(__dirname, '..', '..', 'corpus', 'github-actionlint-ok-accepted.txt');

/** Located keys and label keys from a reviewed list; every line must carry a reason. */
function acceptedKeys(file = ACCEPTED): Set<string> {
  const keys = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [key, reason] = line.split(' | ');
    assert.ok(key && reason && reason.trim().length > 5, `every accepted finding needs a reason: ${line}`);
    keys.add(key.trim());
  }
  return keys;
}

function findingKeys(corpus: string, perRepository: boolean): string[] {
  const keys: string[] = [];
  for (const path of filesUnder(corpus)) {
    if (!/\.ya?ml$/.test(path)) continue;
    const root = perRepository ? join(corpus, relative(corpus, path).split('/')[0] as string) : corpus;
    const kind = classifyPipelinePath(relative(root, path)) ?? (perRepository ? undefined : 'github-workflow');
    if (!kind) continue;
    // shellcheck and pyflakes advice depends on the installed versions: outside the guard.
    const config = { ...EMPTY_CONFIG, rules: { shellcheck: 'off', pyflakes: 'off' } } as const;
    for (const finding of validatePipeline({ path, root, text: readFileSync(path, 'utf8'), kind, config }).findings) {
      if (finding.severity === 'info') continue;
      const label = finding.rule === 'runner-label' && finding.severity === 'warning' ? /Unknown runner label "([^"]+)"/.exec(finding.message)?.[1] : undefined;
      keys.push(
        label ? `label ${label}` : `${relative(corpus, path)}:${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.rule}`,
      );
    }
  }
  return keys;
}

describe(`real-world corpus: no false findings${corpusSkipReason}`, function () {
  this.timeout(60000);
  before(function () {
    if (!corpusAvailable) this.skip();
  });

  it('reports no error and no warning on actionlint-ok but the reviewed ones in test/corpus/github-actionlint-ok-accepted.txt', () => {
    // actionlint does not type github.event per event: a few of its fixtures read another event's payload.
    const found = new Set(findingKeys(join(CORPUS_ROOT, 'github', 'actionlint-ok'), false));
    const accepted = acceptedKeys(ACCEPTED_OK);
    assert.deepEqual([...found].filter((key) => !accepted.has(key)).sort(), []);
    assert.deepEqual([...accepted].filter((key) => !found.has(key)).sort(), [], 'listed findings no longer reported: remove them from the list');
  });

  it('reports on github/real exactly the reviewed findings in test/corpus/github-real-accepted.txt', () => {
    const found = new Set(findingKeys(join(CORPUS_ROOT, 'github', 'real'), true));
    const accepted = acceptedKeys();
    assert.deepEqual([...found].filter((key) => !accepted.has(key)).sort(), [], 'new findings: review each and add it with a reason, or fix the rule');
    assert.deepEqual([...accepted].filter((key) => !found.has(key)).sort(), [], 'listed findings no longer reported: remove them from the list');
  });
});
