// One-line failures for the sandbox and test commands: a person reads the
// reason and what to do, never a stack trace.

export class SetupError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SetupError';
  }
}

/** Runs `main`; a SetupError (or anything else) ends the process with one line on stderr. */
export async function runMain(name, main) {
  try {
    const code = await main();
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (error) {
    const message = error instanceof SetupError ? error.message : `unexpected error: ${error?.message ?? error}`;
    process.stderr.write(`${name}: ${message.split('\n')[0]}\n`);
    if (!(error instanceof SetupError) && process.env.SHIPSHAPE_DEBUG) process.stderr.write(`${error?.stack}\n`);
    process.exitCode = error instanceof SetupError ? 2 : 1;
  }
}

export function say(line) {
  process.stdout.write(`${line}\n`);
}
