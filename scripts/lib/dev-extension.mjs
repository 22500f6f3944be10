// The folder code-server loads Shipshape from in development (extensionDevelopmentPath).
//
// Not the project folder itself: the offline host (code-server and VS Code's built-in extensions)
// is installed inside it, in .shipshape-host/, and VS Code then drops the built-in extensions that
// sit below a development path: the default colour themes vanish and every theme a test sets falls
// back to Light+. Nor a folder of links to it: VS Code then opens the extension's webviews as no
// extension's. So: a copy of what the packaged extension holds (.vscodeignore: the manifest, the
// bundles, media, schemas, README, LICENSE, the rule docs), made again at each call so a fresh build
// is what loads.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectRoot } from './paths.mjs';

const RUNS_FROM = ['package.json', 'dist', 'media', 'schemas', 'README.md', 'LICENSE', 'docs/rules.md'];

export function devExtensionPath(root = projectRoot) {
  const staged = join(tmpdir(), `shipshape-dev-extension-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
  // Whole, never part by part: removing a path below a link would delete the project's own file.
  rmSync(staged, { recursive: true, force: true });
  mkdirSync(staged, { recursive: true });
  for (const entry of RUNS_FROM) {
    if (!existsSync(join(root, entry))) continue;
    mkdirSync(dirname(join(staged, entry)), { recursive: true });
    cpSync(join(root, entry), join(staged, entry), { recursive: true, dereference: true });
  }
  return staged;
}
