/**
 * The read-only document that shows commits (`git show`): what its URI
 * carries (the repository and the commits) and where its commit ids are, so
 * each links to its own document. Pure; the editor layer serves the content.
 */

const SHA = /^[0-9a-f]{7,64}$/;

export interface CommitDocumentTarget {
  readonly root: string;
  readonly shas: readonly string[];
}

export function commitDocumentQuery(root: string, shas: readonly string[]): string {
  return new URLSearchParams({ root, shas: shas.join(',') }).toString();
}

/** The target of a document's query; undefined for anything that is not a repository and commit ids. */
export function parseCommitDocumentQuery(query: string): CommitDocumentTarget | undefined {
  const params = new URLSearchParams(query);
  const root = params.get('root');
  const shas = (params.get('shas') ?? '').split(',').filter(Boolean);
  if (!root || shas.length === 0 || !shas.every((sha) => SHA.test(sha))) return undefined;
  return { root, shas };
}

/** The document's path: its commits, ending in .diff so the editor colours it as a patch. */
export function commitDocumentPath(shas: readonly string[]): string {
  const first = shas[0]?.slice(0, 7) ?? 'commits';
  const last = shas[shas.length - 1]?.slice(0, 7);
  return shas.length > 1 ? `/${first}..${last} (${shas.length} commits).diff` : `/${first}.diff`;
}

export interface CommitIdLink {
  readonly offset: number;
  readonly length: number;
  readonly sha: string;
}

/** Commit ids in `git show` output: each "commit <sha>" header and a merge's "Merge: <parent> <parent>". */
export function commitIdLinks(text: string): CommitIdLink[] {
  const links: CommitIdLink[] = [];
  const header = /^(commit |Merge:)(.*)$/gm;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = match.index + (match[1]?.length ?? 0);
    const id = /[0-9a-f]{7,64}/g;
    for (let sha = id.exec(match[2] ?? ''); sha; sha = id.exec(match[2] ?? '')) links.push({ offset: start + sha.index, length: sha[0].length, sha: sha[0] });
  }
  return links;
}
