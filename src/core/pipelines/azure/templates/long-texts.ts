/**
 * Whether a scalar's text holds `${{`. Scripts are long (kilobytes) and the same strings in every
 * expansion of their template: a long one is scanned once, then found by the string itself (its
 * hash is kept in the string), instead of scanned again by every pipeline using the template.
 */
import { keep, keptResults } from './kept-results';

/** Below this a scan is cheaper than a lookup. */
const LONG = 256;
const marks = keptResults<string, boolean>();

export function hasCompileExpression(text: string): boolean {
  if (text.length < LONG) return text.includes('${{');
  const known = marks.get(text);
  return known ?? keep(marks, text, text.includes('${{'));
}
