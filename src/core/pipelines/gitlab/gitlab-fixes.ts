/**
 * Quick fixes for GitLab findings, as edits at the offsets a person wrote (the shape Azure's
 * fixes have, so `locatedFindingsOf` turns them into text edits): a misspelt key, `needs` or
 * `extends` name changed to the one it is a typo of, and a stage a job uses added to `stages:`.
 * Pure: the texts come from the merge's parsed files.
 */
import { didYouMeanFix } from '../azure/azure-fixes';
import type { LocatedFix } from '../located-findings';
import { keyText, type AMap, type ANode, type AScalar, type ASeq } from '../yaml/located-tree';
import { GLOBAL_KEYWORDS } from './jobs';

/** "Change to 'x'" for a name that is a likely typo of one of `candidates` (none for a name computed elsewhere). */
export function renameFixes(node: ANode, candidates: Iterable<string>): LocatedFix[] {
  return node.kind === 'scalar' && typeof node.value === 'string' ? didYouMeanFix(node, candidates) : [];
}

/**
 * A root key GitLab took for a job, that is a typo of a global keyword (`stage:` for `stages:`,
 * `varaibles:`): rename it, unless the root has that keyword already.
 */
export function globalKeyFixes(key: AScalar, root: AMap): LocatedFix[] {
  const present = new Set(root.entries.map(keyText));
  // `types` is the old name of `stages`, `spec` belongs to a header: neither is a likely intent.
  const candidates = [...GLOBAL_KEYWORDS].filter((name) => name !== 'types' && name !== 'spec' && !present.has(name));
  return renameFixes(key, candidates);
}

/** Stages in the order pipelines usually run them: where a stage no job orders goes among the declared ones. */
const USUAL_ORDER = ['prepare', 'lint', 'build', 'test', 'package', 'publish', 'release', 'deploy', 'cleanup'];

/**
 * Where `stage` goes in `declared`: after the latest stage of the jobs its jobs need, else before
 * the earliest stage of the jobs that need them, else by the usual order, else last.
 */
export function stageInsertIndex(declared: readonly string[], stage: string, neededStages: readonly string[], neededByStages: readonly string[]): number {
  const after = Math.max(-1, ...neededStages.map((name) => declared.indexOf(name)));
  if (after >= 0) return after + 1;
  const before = Math.min(Infinity, ...neededByStages.map((name) => declared.indexOf(name)).filter((index) => index >= 0));
  if (before !== Infinity) return before;
  const rank = USUAL_ORDER.indexOf(stage);
  if (rank >= 0) {
    const ranks = declared.map((name) => USUAL_ORDER.indexOf(name));
    const earlier = ranks.reduce((last, other, index) => (other >= 0 && other < rank ? index : last), -1);
    if (earlier >= 0) return earlier + 1;
    const later = ranks.findIndex((other) => other > rank);
    if (later >= 0) return later;
  }
  return declared.length;
}

/** The stage name as a YAML scalar: plain when it reads back as the same string, else single-quoted. */
const yamlName = (name: string): string =>
  /^[A-Za-z0-9_][\w./-]*(?: [\w./-]+)*$/.test(name) && !/^(?:true|false|null|yes|no|on|off|~|[-+]?\d[\d_.]*)$/i.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number): number => {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
};

const insert = (title: string, file: string, at: number, newText: string): LocatedFix => ({
  title,
  edits: [{ origin: { file, start: at, end: at }, newText }],
});

/**
 * Adds `stage` to the `stages:` list written at `list`, at `index`: a line at the items'
 * indentation in block style, `, name` in flow style. None when the list is not written as one
 * list of plain items in one file (an alias, a `!reference`, nested lists).
 */
export function addToStagesFix(list: ASeq, stage: string, index: number, textOf: (file: string) => string | undefined): LocatedFix | undefined {
  const file = list.origin.file;
  const text = textOf(file);
  if (text === undefined || list.reference) return undefined;
  const items = list.items;
  if (items.some((item) => item.kind !== 'scalar' || item.origin.file !== file || item.origin.start < list.origin.start || item.origin.end > list.origin.end))
    return undefined;
  const title = `Add '${stage}' to stages:`;
  const name = yamlName(stage);
  if (text[list.origin.start] === '[') {
    if (items.length === 0) return insert(title, file, list.origin.start + 1, name);
    return index === 0
      ? insert(title, file, (items[0] as ANode).origin.start, `${name}, `)
      : insert(title, file, (items[index - 1] as ANode).origin.end, `, ${name}`);
  }
  const neighbour = items[Math.max(0, index - 1)];
  if (!neighbour || text.slice(neighbour.origin.start, neighbour.origin.end).includes('\n')) return undefined;
  const dash = text.slice(lineStart(text, neighbour.origin.start), neighbour.origin.start);
  if (!/^[ \t]*-[ \t]+$/.test(dash)) return undefined;
  return index === 0
    ? insert(title, file, lineStart(text, neighbour.origin.start), `${dash}${name}\n`)
    : insert(title, file, lineEnd(text, neighbour.origin.end), `\n${dash}${name}`);
}

/**
 * No `stages:` anywhere and GitLab's default stages lack `stage`: a `stages:` list (the defaults
 * with `stage` among them) above the first job written at the start of a line of `file`, and
 * above the comment lines right over it that belong to it.
 */
export function newStagesFix(
  file: string,
  root: AMap,
  stages: readonly string[],
  stage: string,
  textOf: (file: string) => string | undefined,
): LocatedFix | undefined {
  const text = textOf(file);
  if (text === undefined) return undefined;
  const firstJob = root.entries
    .filter((entry) => entry.key.origin.file === file && !entry.key.via && !GLOBAL_KEYWORDS.has(keyText(entry)))
    .sort((a, b) => a.key.origin.start - b.key.origin.start)[0];
  if (!firstJob || lineStart(text, firstJob.key.origin.start) !== firstJob.key.origin.start) return undefined;
  let at = firstJob.key.origin.start;
  while (at > 0) {
    const previous = lineStart(text, at - 1);
    if (!text.startsWith('#', previous)) break;
    at = previous;
  }
  // Comments from the top of the file down to the job are the file's header: the list goes under them.
  if (at === 0 && firstJob.key.origin.start !== 0) at = firstJob.key.origin.start;
  const lines = stages.map((name) => `  - ${yamlName(name)}\n`).join('');
  return insert(`Add '${stage}' to a new stages: list`, file, at, `stages:\n${lines}\n`);
}
