// Shipshape's recovery code bundled for the benchmark, and the raw git it runs:
// every git process the bundle starts is recorded (git is spawned through
// child_process.spawn), so the raw figure replays exactly the commands of a
// real diagnose() and stays right when the fast pass changes.
import childProcess, { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTypeScript } from './bundle-ts.mjs';

/**
 * diagnose(), readRecentActions() and the git environment from `sourceDir`'s
 * src/, bundled by esbuild into one CommonJS file in `outDir`. `hasDeep`
 * says whether DiagnoseOptions offers `deep` (read from the TypeScript, the
 * only place the option shows).
 */
export async function loadRecovery(esbuild, projectRoot, sourceDir, outDir) {
  const diagnoseSource = readFileSync(join(sourceDir, 'src/core/recovery/diagnose.ts'), 'utf8');
  const options = /interface DiagnoseOptions(?: extends [^{]+)? \{([\s\S]*?)\n\}/.exec(diagnoseSource)?.[1] ?? '';
  const hasDeep = /\breadonly deep\?: boolean/.test(options);
  const hasRecentActions = safeRead(join(sourceDir, 'src/core/recovery/recent-actions.ts')) !== undefined;
  // The git environment moved when the five git runners became one layer.
  const environmentModule =
    safeRead(join(sourceDir, 'src/core/git/git-environment.ts')) !== undefined ? './src/core/git/git-environment' : './src/core/git/git-client';
  const outfile = join(outDir, 'shipshape-recovery.cjs');
  const bundle = await bundleTypeScript(esbuild, {
    projectRoot,
    sourceDir,
    contents: [
      "export { diagnose } from './src/core/recovery/diagnose';",
      `export { gitEnvironment } from '${environmentModule}';`,
      hasRecentActions ? "export { readRecentActions } from './src/core/recovery/recent-actions';" : '',
    ].join('\n'),
    sourcefile: 'bench-recovery-entry.ts',
    outfile,
  });
  return { ...bundle, hasDeep, hasRecentActions };
}

function safeRead(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` while recording every git process started through
 * child_process.spawn: [{ args, cwd, stdin, ms, bytes }], in start order.
 * `stdin` is true when the caller wrote to the process (those cannot be
 * replayed from the arguments alone); `ms` runs from spawn to close; `bytes`
 * counts standard output.
 */
export async function recordGitCalls(work) {
  const calls = [];
  const original = childProcess.spawn;
  childProcess.spawn = function recordingSpawn(command, args, options) {
    const child = original.call(this, command, args, options);
    if (/(^|[\\/])git(\.exe)?$/.test(String(command))) {
      const call = { args: [...(args ?? [])], cwd: options?.cwd, stdin: false, ms: NaN, bytes: 0 };
      calls.push(call);
      const start = performance.now();
      child.stdout?.on('data', (chunk) => {
        call.bytes += chunk.length;
      });
      child.on('close', () => {
        call.ms = performance.now() - start;
      });
      // Input goes over with write() or end(data); end() alone closes an empty standard input.
      for (const method of ['write', 'end']) {
        const original = child.stdin?.[method];
        if (!original) continue;
        child.stdin[method] = function recordingInput(...rest) {
          if (method === 'write' || (rest[0] !== undefined && typeof rest[0] !== 'function')) call.stdin = true;
          return original.apply(this, rest);
        };
      }
    }
    return child;
  };
  try {
    await work();
  } finally {
    childProcess.spawn = original;
  }
  return calls;
}

/**
 * Runs the recorded calls one after the other with execFileSync: { ms } summed,
 * and `silent`, how many printed nothing (simple-git, used until the git layer
 * became one, waited 50 ms more after each of those).
 */
export function replayGitCalls(calls, env) {
  let silent = 0;
  const start = performance.now();
  for (const call of calls) {
    const output = execFileSync('git', call.args, { cwd: call.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    if (output.length === 0) silent++;
  }
  return { ms: performance.now() - start, silent };
}

/** Milliseconds of one `git <args>` in `cwd`; a non-zero exit with output (fsck finding things) still counts. */
export function timeGit(cwd, args, env) {
  const start = performance.now();
  try {
    execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    if (!error.stdout?.length) throw error;
  }
  return performance.now() - start;
}
