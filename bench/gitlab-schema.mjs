#!/usr/bin/env node
// Refreshes bench/data/gitlab-ci.json: GitLab's CI schema (`app/assets/javascripts/editor/schema/ci.json`
// in gitlab-org/gitlab, MIT), the floor of bench/gitlab.mjs. No npm package ships the file itself;
// gitlab-ci-local vendors it (src/schema/schema.json) and bundles it, as one object literal, into its
// published dist/index.js: this script packs that version with npm and reads the literal back out.
//   node bench/gitlab-schema.mjs [version]    (default: the version recorded in gitlab-ci.provenance.json)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';

const benchDir = dirname(fileURLToPath(import.meta.url));
const provenancePath = join(benchDir, 'data', 'gitlab-ci.provenance.json');
const version = process.argv[2] ?? JSON.parse(readFileSync(provenancePath, 'utf8')).gitlabCiLocal;
const work = mkdtempSync(join(tmpdir(), 'shipshape-gitlab-schema-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const pack = spawnSync(npm, ['pack', `gitlab-ci-local@${version}`, '--json'], { cwd: work, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack gitlab-ci-local@${version} failed: ${pack.stderr}`);
  const tarball = JSON.parse(pack.stdout)[0].filename;
  const untar = spawnSync('tar', ['xzf', tarball], { cwd: work, stdio: 'inherit' });
  if (untar.status !== 0) throw new Error(`could not unpack ${tarball}`);
  const bundle = readFileSync(join(work, 'package', 'dist', 'index.js'), 'utf8');
  const start = bundle.search(/\{\$schema:"http:\/\/json-schema\.org\/draft-07\/schema#",\$id:"https:\/\/gitlab\.com\/\.gitlab-ci\.yml"/);
  if (start < 0) throw new Error('the schema literal is not in this version of gitlab-ci-local');
  // acorn (eslint's parser, in the project's node_modules) finds where the literal ends.
  const acorn = createRequire(join(benchDir, '..', 'package.json'))('acorn');
  const node = acorn.parseExpressionAt(bundle, start, { ecmaVersion: 'latest', sourceType: 'module' });
  const schema = runInNewContext(`(${bundle.slice(node.start, node.end)})`);
  writeFileSync(join(benchDir, 'data', 'gitlab-ci.json'), `${JSON.stringify(schema, null, 2)}\n`);
  writeFileSync(
    provenancePath,
    `${JSON.stringify(
      {
        file: 'gitlab-ci.json',
        is: "GitLab's CI schema, app/assets/javascripts/editor/schema/ci.json of gitlab-org/gitlab (MIT license)",
        via: 'gitlab-ci-local (MIT), its src/schema/schema.json, bundled into dist/index.js of the npm package; extracted by bench/gitlab-schema.mjs',
        gitlabCiLocal: version,
        extracted: new Date().toISOString().slice(0, 10),
        definitions: Object.keys(schema.definitions ?? {}).length,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`bench/data/gitlab-ci.json: GitLab's ci.json from gitlab-ci-local ${version} (${Object.keys(schema.definitions ?? {}).length} definitions)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
