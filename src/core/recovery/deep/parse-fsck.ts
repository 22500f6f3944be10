/** What `git fsck --dangling` (or `--unreachable`) printed, sorted by object type. */
export interface FsckObjects {
  readonly commits: readonly string[];
  readonly blobs: readonly string[];
  readonly trees: readonly string[];
  readonly tags: readonly string[];
  /** Lines that report damage ("missing blob ...", "broken link from ..."), as git wrote them. */
  readonly problems: readonly string[];
}

const OBJECT_LINE = /^(?:dangling|unreachable) (commit|blob|tree|tag) ([0-9a-f]{40}(?:[0-9a-f]{24})?)$/;
const PROBLEM_LINE = /^(?:missing|broken link|error|bad|invalid|fatal)\b/;

/**
 * Parses fsck's report. Output is read with LC_ALL=C (fsck's words are
 * translated otherwise); anything else it prints (notices, progress) is skipped.
 */
export function parseFsck(text: string): FsckObjects {
  const found: Record<'commit' | 'blob' | 'tree' | 'tag', string[]> = { commit: [], blob: [], tree: [], tag: [] };
  const problems: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const match = OBJECT_LINE.exec(line);
    if (match) found[match[1] as keyof typeof found].push(match[2] as string);
    else if (PROBLEM_LINE.test(line)) problems.push(line);
  }
  return { commits: found.commit, blobs: found.blob, trees: found.tree, tags: found.tag, problems };
}
