import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PRODUCT_NAME = 'shipshape';

/**
 * The version in Shipshape's own package.json, found by walking up from
 * `startDir`. The same code works from `dist/` (bundled) and `src/` (tests).
 */
export function readProductVersion(startDir: string): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PRODUCT_NAME && typeof manifest.version === 'string') return manifest.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return '0.0.0-unknown';
    dir = parent;
  }
}
