#!/usr/bin/env node
// Refreshes the README's screenshots from the UI tier's last run: every `docs/images/NAME.png`
// the README shows is a screenshot a UI test saves as `test-results/screenshots/NAME.png`.
// Usage: npm run test -- --only ui (or the full tier), then `node scripts/readme-images.mjs`.
// `--check` only verifies that each README image has a UI test that saves it (no copying).
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './lib/paths.mjs';

/** The image names the README shows from docs/images. */
export function readmeImages(readme) {
  return [...new Set([...readme.matchAll(/docs\/images\/([\w.-]+)\.png/g)].map((match) => match[1]))].sort();
}

/** The names UI tests pass to screenshot(page, 'name') (literal names only). */
export function screenshotNames(sources) {
  return new Set(sources.flatMap((source) => [...source.matchAll(/screenshot\(\s*page\s*,\s*'([\w.-]+)'/g)].map((match) => match[1])));
}

function uiSources() {
  const dir = join(projectRoot, 'test', 'ui');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mjs'))
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}

function main() {
  const images = readmeImages(readFileSync(join(projectRoot, 'README.md'), 'utf8'));
  const saved = screenshotNames(uiSources());
  const orphans = images.filter((name) => !saved.has(name));
  if (orphans.length) {
    console.error(`README images no UI test saves: ${orphans.join(', ')}`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) return console.log(`${images.length} README images, each saved by a UI test.`);
  const shots = join(projectRoot, 'test-results', 'screenshots');
  const missing = [];
  for (const name of images) {
    const from = join(shots, `${name}.png`);
    if (!existsSync(from)) {
      missing.push(name);
      continue;
    }
    copyFileSync(from, join(projectRoot, 'docs', 'images', `${name}.png`));
    console.log(`docs/images/${name}.png <- ${from} (${new Date(statSync(from).mtimeMs).toISOString()})`);
  }
  if (missing.length) {
    console.error(`Not in ${shots} (run the UI tier first): ${missing.join(', ')}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
