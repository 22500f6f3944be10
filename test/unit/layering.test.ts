import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

const importsOf = (text: string) => [...text.matchAll(/(?:from\s+|require\(\s*|import\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);

// ESLint enforces this too; the test keeps it true even when lint is skipped.
describe('layering', () => {
  const files = sourceFiles(src).map((path) => ({ path: relative(src, path).split('\\').join('/'), imports: importsOf(readFileSync(path, 'utf8')) }));

  it('finds the five layers', () => {
    const layers = new Set(files.map((file) => file.path.split('/')[0]));
    for (const layer of ['core', 'protocol', 'cli', 'vscode', 'webview']) assert.ok(layers.has(layer), layer);
  });

  it('imports vscode only in src/vscode/', () => {
    const offenders = files.filter((file) => !file.path.startsWith('vscode/') && file.imports.includes('vscode'));
    assert.deepEqual(
      offenders.map((file) => file.path),
      [],
    );
  });

  it('keeps core/ free of the layers above it', () => {
    const offenders = files.filter((file) => file.path.startsWith('core/') && file.imports.some((spec) => /\/(vscode|cli|webview|protocol)\//.test(spec)));
    assert.deepEqual(
      offenders.map((file) => file.path),
      [],
    );
  });

  it('keeps webview/ and protocol/ free of Node built-ins', () => {
    const offenders = files.filter((file) => /^(webview|protocol)\//.test(file.path) && file.imports.some((spec) => spec.startsWith('node:')));
    assert.deepEqual(
      offenders.map((file) => file.path),
      [],
    );
  });
});
