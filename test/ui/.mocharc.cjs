// UI tier: Playwright drives the real workbench (code-server 4.100.3 in headless Chromium).
module.exports = {
  spec: ['test/ui/**/*.test.mjs'],
  reporter: 'test/support/summary-reporter.cjs',
  timeout: 120000,
  slow: 10000,
};
