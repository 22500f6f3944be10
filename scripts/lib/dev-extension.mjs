// The folder code-server loads Shipshape from in development (extensionDevelopmentPath).
//
// Not the project folder itself: the offline host (code-server and VS Code's built-in extensions)
// is installed inside it, in .shipshape-host/, and VS Code then drops the built-in extensions that
// sit below a development path: the default colour themes vanish and every theme a test sets falls
// back to Light+. So the development path is a folder of its own whose entries link to the
// project's, everything but the host.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostInstallDir, projectRoot } from './paths.mjs';

const LEFT_OUT = new Set(['.git', hostInstallDir.slice(projectRoot.length + 1)]);

const present = (path) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * The staged folder for `root` (default: this project): the same path every time for a root, its
 * links added when missing (never removed under a running VS Code). Links follow the project, so a
 * rebuilt dist/ is what loads.
 */
export function devExtensionPath(root = projectRoot) {
  const staged = join(tmpdir(), `shipshape-dev-extension-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
  if (!existsSync(staged)) mkdirSync(staged, { recursive: true });
  for (const entry of readdirSync(root)) if (!LEFT_OUT.has(entry) && !present(join(staged, entry))) symlinkSync(join(root, entry), join(staged, entry));
  return staged;
}
