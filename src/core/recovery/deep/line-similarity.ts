/** How alike two texts are, line by line: cheap, order-blind, good enough to name a lost file. */

/** Trimmed, non-empty lines with their counts. */
export function lineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line !== '') counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return counts;
}

/** Dice's coefficient over the two multisets of lines: 1 = the same lines, 0 = none shared. */
export function lineSimilarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of a.values()) sizeA += n;
  for (const n of b.values()) sizeB += n;
  if (sizeA === 0 || sizeB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [line, n] of small) shared += Math.min(n, large.get(line) ?? 0);
  return (2 * shared) / (sizeA + sizeB);
}

/** Below this a guess is not worth offering: the blob goes to the recovery folder instead. */
export const GUESS_THRESHOLD = 0.5;

/** The candidate sharing the most lines with `text`, when it shares enough; ties go to the first. */
export function bestMatch<T extends { readonly lines: ReadonlyMap<string, number> }>(
  text: ReadonlyMap<string, number>,
  candidates: readonly T[],
): { candidate: T; similarity: number } | undefined {
  let best: { candidate: T; similarity: number } | undefined;
  for (const candidate of candidates) {
    const similarity = lineSimilarity(text, candidate.lines);
    if (similarity >= GUESS_THRESHOLD && similarity > (best?.similarity ?? 0)) best = { candidate, similarity };
  }
  return best;
}
