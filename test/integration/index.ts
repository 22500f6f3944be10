// Loaded by VS Code inside the extension host (extensionTestsPath): runs every
// suite of one folder with mocha and rejects on any failure. Both launchers use
// this module. The folder is suites/ (the demo workspace) unless
// $SHIPSHAPE_SUITES names another (a folder whose suites open their own workspace).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 20000,
    // The path form keeps the reporter out of this bundle; it writes $SHIPSHAPE_SUMMARY_FILE.
    reporter: join(__dirname, '..', '..', '..', 'test', 'support', 'summary-reporter.cjs'),
  });
  const suites = join(__dirname, process.env.SHIPSHAPE_SUITES || 'suites');
  for (const name of readdirSync(suites)
    .filter((file) => file.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(suites, name));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}
