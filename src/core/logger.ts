import { errorMessage } from './errors';

/**
 * The one logging interface the core knows. The editor backs it with a
 * LogOutputChannel, the CLI with stderr, tests with a recorder.
 */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export type LogLevel = keyof Logger;

const LEVEL_ORDER: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** A logger that drops everything, for callers that do not care. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Renders a log call as one line; errors keep their message, objects become JSON. */
export function formatLogLine(message: string | Error, args: readonly unknown[]): string {
  const parts = [typeof message === 'string' ? message : errorMessage(message)];
  for (const arg of args) {
    if (arg instanceof Error) parts.push(arg.message);
    else if (typeof arg === 'string') parts.push(arg);
    else parts.push(safeJson(arg));
  }
  return parts.join(' ');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A logger that writes lines at or above `minimum` through `write` (the CLI passes stderr). */
export function createLineLogger(write: (line: string) => void, minimum: LogLevel = 'info'): Logger {
  const threshold = LEVEL_ORDER.indexOf(minimum);
  const at =
    (level: LogLevel) =>
    (message: string | Error, ...args: unknown[]): void => {
      if (LEVEL_ORDER.indexOf(level) >= threshold) write(`${level}: ${formatLogLine(message, args)}`);
    };
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
