import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, whatever the caller's cwd. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the offline VS Code host (code-server + playwright-core) is installed; git-ignored. */
export const hostInstallDir = join(projectRoot, '.shipshape-host');
/** The committed manifest and lock file of that host. */
export const hostManifestDir = join(projectRoot, 'test', 'host');
/** Screenshots the UI tests save; git-ignored. */
export const screenshotDir = join(projectRoot, 'test-results', 'screenshots');
