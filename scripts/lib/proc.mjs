import { spawn } from 'node:child_process';

/**
 * Runs a program with arguments (never a shell string) and resolves with its
 * exit code. Output goes to ours unless `quiet`, when it is collected and
 * returned so a failure can show its tail.
 */
export function run(command, args, options = {}) {
  const { quiet = false, env = process.env, cwd } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-20000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Whether `command` can be found on PATH. */
export async function onPath(command) {
  const { code } = await run('sh', ['-c', 'command -v "$0" >/dev/null 2>&1', command], { quiet: true });
  return code === 0;
}

/** The last non-empty line of some output, to name why something failed. */
export function lastLine(output) {
  return output.trim().split('\n').filter(Boolean).pop() ?? '';
}
