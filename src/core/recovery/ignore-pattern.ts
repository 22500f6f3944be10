/**
 * A .gitignore pattern that matches exactly `path` from the top of the work tree:
 * anchored, glob characters and trailing spaces escaped. Undefined for a name
 * a pattern cannot hold (a newline).
 */
export function exactIgnorePattern(path: string): string | undefined {
  if (/[\n\r]/.test(path)) return undefined;
  return `/${path.replace(/[\\*?[]/g, '\\$&').replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '))}`;
}
