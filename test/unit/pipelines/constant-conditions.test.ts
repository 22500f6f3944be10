import { strict as assert } from 'node:assert';
import { lint, workflow } from './helpers';

const ifCond = (findings: ReturnType<typeof lint>) =>
  findings
    .filter((finding) => finding.rule === 'if-cond')
    .map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.severity} ${finding.message}`);

const NEVER_JOB = 'warning This if: condition is always false, so this job never runs. Remove the job, or fix the condition.';
const NEVER_STEP = 'warning This if: condition is always false, so this step never runs. Remove the step, or fix the condition.';
const ALWAYS = 'warning This if: condition is always true, so it changes nothing. Remove it, or fix the condition.';

describe('if-cond: conditions that are constant after folding', () => {
  it('reports literals, literals inside ${{ }}, and a quoted "false" (GitHub reads the text as an expression)', () => {
    const findings = lint(
      workflow(
        'a:',
        '    if: false',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - if: ${{ false }}',
        '        run: echo',
        '      - if: "false"',
        '        run: echo',
        '      - if: true',
        '        run: echo',
        "      - if: ${{ 'false' }}",
        '        run: echo',
      ),
    );
    assert.deepEqual(ifCond(findings), [`4:11 ${NEVER_JOB}`, `7:15 ${NEVER_STEP}`, `9:15 ${NEVER_STEP}`, `11:15 ${ALWAYS}`, `13:15 ${ALWAYS}`]);
  });

  it('folds operators and functions of literals, and a side that decides && or || whatever the other is', () => {
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - if: "!(1 == 1) && github.ref == \'x\'"',
        '        run: echo',
        "      - if: github.event_name == 'push' || true",
        '        run: echo',
        "      - if: contains(format('{0}-{1}', 'a', 'b'), 'c')",
        '        run: echo',
        "      - if: github.ref == 'x' && false",
        '        run: echo',
        "      - if: startsWith('refs/tags/v1', 'refs/tags/')",
        '        run: echo',
      ),
    );
    assert.deepEqual(ifCond(findings), [`6:15 ${NEVER_STEP}`, `8:15 ${ALWAYS}`, `10:15 ${NEVER_STEP}`, `12:15 ${NEVER_STEP}`, `14:15 ${ALWAYS}`]);
  });

  it('leaves conditions that read a context or call a status function or hashFiles', () => {
    const findings = lint(
      workflow(
        'a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - if: always()',
        '        run: echo',
        '      - if: ${{ failure() || false }}',
        '        run: echo',
        "      - if: github.ref == 'refs/heads/main' || false",
        '        run: echo',
        "      - if: hashFiles('x') != ''",
        '        run: echo',
        '      - if: ${{ !cancelled() }}',
        '        run: echo',
      ),
    );
    assert.deepEqual(ifCond(findings), []);
  });
});
