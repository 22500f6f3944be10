// Mocha's spec reporter, plus a JSON summary (passed/failed/skipped counts and
// failure titles) written to $SHIPSHAPE_SUMMARY_FILE so the test command can
// add the tiers up. Skipped tests print their reason (the test's title says it).
const Mocha = require('mocha');
const fs = require('node:fs');

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_HOOK_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const summary = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
    runner.on(EVENT_TEST_PASS, () => summary.passed++);
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      summary.failed++;
      summary.failures.push(`${test.fullTitle()}: ${String(error && error.message).split('\n')[0]}`);
    });
    runner.on(EVENT_TEST_PENDING, (test) => {
      summary.skipped++;
      summary.skips.push(test.fullTitle());
    });
    void EVENT_HOOK_END;
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.SHIPSHAPE_SUMMARY_FILE;
      if (file) fs.writeFileSync(file, JSON.stringify(summary));
    });
  }
}

module.exports = SummaryReporter;
