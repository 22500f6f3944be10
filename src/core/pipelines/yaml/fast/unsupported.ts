/**
 * Thrown where the fast composer meets YAML it does not build itself (tags,
 * multi-line quotes, tabs, anything yaml would report as an error, ...): the
 * caller then parses with yaml's `parseDocument`, so such files behave exactly
 * as before. A plain object, not an Error: no stack trace is captured.
 */
export class Unsupported {
  constructor(readonly reason: string) {}
}

export function unsupported(reason: string): never {
  throw new Unsupported(reason);
}
