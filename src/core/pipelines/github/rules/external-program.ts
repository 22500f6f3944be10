import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** What a finished linter run printed; undefined stands for "could not run". */
export interface ProgramOutput {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The absolute path of `name` in the absolute directories of `pathVariable`
 * (relative entries such as "." are skipped: a repository must not supply its
 * own "linter"). On Windows the PATHEXT extensions are tried too.
 */
export function lookUpProgram(
  name: string,
  pathVariable: string | undefined,
  platform: NodeJS.Platform = process.platform,
  pathExt = process.env.PATHEXT,
): string | undefined {
  const extensions = platform === 'win32' ? ['', ...(pathExt ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean)] : [''];
  const separator = platform === 'win32' ? ';' : delimiter;
  for (const dir of (pathVariable ?? '').split(separator)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const found = new Map<string, string | undefined>();

/** The first of `names` on PATH, looked up once per process (and again if PATH changes). */
export function findProgram(names: readonly string[]): string | undefined {
  const key = [...names, process.env.PATH].join('\0');
  if (!found.has(key)) found.set(key, names.map((name) => lookUpProgram(name, process.env.PATH)).find(Boolean));
  return found.get(key);
}
