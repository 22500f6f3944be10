/**
 * `text.toLowerCase()`, without the copy V8 makes even when nothing changes:
 * names are lowered on every context, property and function lookup, and they
 * are nearly always lower-case ASCII already.
 */
export function lowercase(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 0x41 && code <= 0x5a) || code > 0x7f) return text.toLowerCase();
  }
  return text;
}
