import { ShipshapeError } from '../core/errors';

export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string[]>;
}

/**
 * Splits `--name value`, `--name=value` and flags. `valued` lists the options
 * that take a value; anything else starting with `-` must be in `flags`.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const add = (name: string, value: string) => options.set(name, [...(options.get(name) ?? []), value]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new ShipshapeError('usage', `option ${name} needs a value`);
      add(name, value);
    } else if (flags.includes(name)) {
      add(name, 'true');
    } else {
      throw new ShipshapeError('usage', `unknown option "${name}"`);
    }
  }
  return { positionals, options };
}

/** The last value given for an option, checked against the allowed ones. */
export function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = args.options.get(name)?.at(-1);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ShipshapeError('usage', `${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}
