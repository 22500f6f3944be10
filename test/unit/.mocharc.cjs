// Unit tier: plain Node over src/core, src/cli and the build scripts. TypeScript runs through tsx.
// Test files named on the command line run alone (mocha would otherwise add them to the whole tier).
const named = process.argv.slice(2).some((arg) => /\.test\.ts$/.test(arg) || /^test[\\/]unit[\\/].*\*/.test(arg));

module.exports = {
  require: ['tsx/cjs'],
  spec: named ? [] : ['test/unit/**/*.test.ts'],
  extension: ['ts'],
  reporter: 'test/support/summary-reporter.cjs',
  timeout: 20000,
  slow: 1000,
};
