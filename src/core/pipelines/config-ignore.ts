import type { ShipshapeConfig } from './config';
import { matchGlob } from './github/data/globs';

/** Whether the config's `paths.<glob>.ignore` drops a finding with this message in this file. */
export function isIgnoredByConfig(config: ShipshapeConfig, relativePath: string, message: string): boolean {
  return config.ignore.some(({ glob, patterns }) => matchGlob(glob, relativePath, 'path') && patterns.some((pattern) => pattern.test(message)));
}
