/** Text with commit ids marked, so the wizard shows each id once, as a link to its commit, never as plain words. */
export type Segment = { readonly text: string } | { readonly commit: string; readonly sha: string };

/** A 7-character id with a digit in it: "deadbee" is a word, "1a2b3c4" an id. */
const SHORT_ID = /\b(?=[0-9a-f]*[0-9])[0-9a-f]{7}\b/g;

/**
 * Splits `text` into words and commit ids. With the commit's `sha`, its short
 * id in the words becomes the link (or is added once after them); without,
 * every short id in the words is one.
 */
export function commitSegments(text: string, sha?: string): Segment[] {
  if (sha) {
    const short = sha.slice(0, 7);
    const at = text.search(new RegExp(`\\b${short}\\b`));
    if (at < 0) return [{ text: `${text} ` }, { commit: short, sha }];
    return [...words(text.slice(0, at)), { commit: short, sha }, ...words(text.slice(at + short.length))];
  }
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(SHORT_ID)) {
    segments.push(...words(text.slice(last, match.index)), { commit: match[0], sha: match[0] });
    last = match.index + match[0].length;
  }
  return [...segments, ...words(text.slice(last))];
}

const words = (text: string): Segment[] => (text ? [{ text }] : []);
