import { parseExpression, type ParseResult } from './parser';

/**
 * Parse results by expression text, shared by every validation and every rule (the expression rule, and the `if:` readers of
 * condition-os.ts, which ask for the same texts): `matrix.os` recurs in every job
 * (generated workflows repeat whole jobs), and an editor re-validates the same files on every edit,
 * so nearly every expression has been parsed before. A parse depends on the text alone, and trees
 * and problems are only read. Bounded by entries and by characters (an expression may be 21,000
 * long): when either bound is reached the cache starts again empty.
 */
const parsedSources = new Map<string, ParseResult>();
const MAX_PARSED_SOURCES = 10_000;
const MAX_PARSED_CHARACTERS = 1_000_000;
let parsedCharacters = 0;

export function parsedExpression(source: string): ParseResult {
  let parsed = parsedSources.get(source);
  if (!parsed) {
    if (parsedSources.size >= MAX_PARSED_SOURCES || parsedCharacters + source.length > MAX_PARSED_CHARACTERS) {
      parsedSources.clear();
      parsedCharacters = 0;
    }
    parsed = parseExpression(source);
    parsedSources.set(source, parsed);
    parsedCharacters += source.length;
  }
  return parsed;
}

/** Forgets every shared parse result (for tests and cold measurements). */
export function forgetParsedExpressions(): void {
  parsedSources.clear();
  parsedCharacters = 0;
}

/** How many parse results are kept (tests). */
export const parsedExpressionCount = (): number => parsedSources.size;
