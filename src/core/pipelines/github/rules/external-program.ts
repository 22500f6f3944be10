import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';

/** What a finished linter run printed; undefined stands for "could not run". */
export interface ProgramOutput {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
const CACHE_LIMIT = 500;

/**
 * The absolute path of `name` in the absolute directories of `pathVariable`
 * (relative entries such as "." are skipped: a repository must not supply its
 * own "linter"). On Windows the PATHEXT extensions are tried too.
 */
export function lookUpProgram(name: string, pathVariable: string | undefined, platform: NodeJS.Platform = process.platform, pathExt = process.env.PATHEXT): string | undefined {
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

/** The first of `names` on PATH, looked up once per process. */
export function findProgram(names: readonly string[]): string | undefined {
  const key = names.join('\0');
  if (!found.has(key)) found.set(key, names.map((name) => lookUpProgram(name, process.env.PATH)).find(Boolean));
  return found.get(key);
}

const results = new Map<string, ProgramOutput | undefined>();

/**
 * Runs a program with an argument array (never through a shell), `input` on
 * stdin, in the temp folder, with a timeout. Undefined when it could not start,
 * timed out, or was killed. Results are remembered by input: editors re-check
 * unchanged scripts on every keystroke.
 */
export function runProgram(program: string, args: readonly string[], input: string): ProgramOutput | undefined {
  const key = [program, ...args, input].join('\0');
  if (results.has(key)) return results.get(key);
  let output: ProgramOutput | undefined;
  try {
    const result = spawnSync(program, [...args], { input, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, cwd: tmpdir(), windowsHide: true, shell: false });
    output = result.error || result.status === null ? undefined : { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  } catch {
    output = undefined;
  }
  if (results.size >= CACHE_LIMIT) results.delete(results.keys().next().value as string);
  results.set(key, output);
  return output;
}
