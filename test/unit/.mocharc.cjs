// Unit tier: plain Node over src/core, src/cli and the build scripts. TypeScript runs through tsx.
module.exports = {
  require: ['tsx/cjs'],
  spec: ['test/unit/**/*.test.ts'],
  extension: ['ts'],
  reporter: 'test/support/summary-reporter.cjs',
  timeout: 20000,
  slow: 1000,
};
