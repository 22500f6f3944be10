/**
 * A GitLab CI file read into the located tree as GitLab reads it: anchors, aliases and merge keys
 * resolved; duplicate keys accepted with the last one winning (a warning, not an error); a
 * `!reference [job, key]` kept as a marked sequence for the merge to replace; and a component or
 * template file's `spec:` header (the first of two documents) kept apart from its configuration.
 */
import { LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from '../yaml/identity';
import { PARSE_OPTIONS } from '../yaml/source-file';
import { scalarText } from '../yaml/nodes';
import { firstLenientError, readFlowAsLibyaml } from './flow-indentation';
import { headerProblems } from './header-checks';
import { keyText, type AEntry, type ANode, type AScalar, type Origin, type ScalarValue } from '../yaml/located-tree';

export interface GitLabFileProblem {
  readonly rule: 'gitlab-yaml' | 'gitlab-inputs';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly origin: Origin;
}

export interface GitLabFile {
  readonly file: string;
  readonly text: string;
  /** The `spec:` header of a file with two documents, if any. */
  readonly header: ANode | undefined;
  readonly root: ANode | undefined;
  readonly problems: readonly GitLabFileProblem[];
}

const isDocumentList = (parsed: Document.Parsed | readonly Document.Parsed[] | undefined): parsed is readonly Document.Parsed[] => Array.isArray(parsed);

/** Aliases expand at most this many times in one file: a billion-laughs file stays cheap. */
const MAX_ALIAS_EXPANSIONS = 10_000;

/**
 * `parsed`: a parse of the same text by parseSource (the fast composer, or a parse patched after
 * an edit). Without errors it is the one document parseAllDocuments would give (a second
 * document is an error to it), so it is read instead of parsing again. Or both documents of a
 * file with a `spec:` header, built by header-documents.ts.
 */
export function parseGitLabFile(file: string, text: string, parsed?: Document.Parsed | readonly Document.Parsed[], previous?: GitLabFile): GitLabFile {
  const problems: GitLabFileProblem[] = [];
  let documents: readonly Document.Parsed[] | ReturnType<typeof parseAllDocuments> = isDocumentList(parsed)
    ? parsed
    : parsed && parsed.errors.length === 0
      ? [parsed]
      : parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter: new LineCounter(), customTags: [] });
  const at = (node: { range?: [number, number, number] | null } | null | undefined): Origin => ({
    file,
    start: node?.range?.[0] ?? 0,
    end: node?.range?.[1] ?? 0,
  });
  // What libyaml accepts is no error: flow collections less indented than the spec wants are read as GitLab reads them.
  const flowError = firstLenientError((Array.isArray(documents) ? documents : []).flatMap((doc) => doc.errors));
  const flow = readFlowAsLibyaml(text, flowError);
  if (flow.relaxed.length > 0) {
    documents = parseAllDocuments(flow.text, { ...PARSE_OPTIONS, lineCounter: new LineCounter(), customTags: [] });
    for (const offset of flow.relaxed)
      problems.push({
        rule: 'gitlab-yaml',
        severity: 'warning',
        message:
          'This line of a flow collection ([...] or {...}) or of a quoted text is less indented than YAML requires: GitLab accepts it, other YAML tools refuse it.',
        origin: { file, start: offset, end: offset + 1 },
      });
  }
  const list = Array.isArray(documents) ? documents : [];
  for (const doc of list)
    for (const error of doc.errors)
      problems.push({
        rule: 'gitlab-yaml',
        severity: 'error',
        message: error.message.split('\n')[0] ?? error.message,
        origin: { file, start: error.pos[0], end: error.pos[1] },
      });

  const anchors = new Map<string, unknown>();
  let expansions = 0;
  // Anchors met so far: those of a kept entry are registered again (with its aliases' expansions).
  let anchored = 0;
  // Kept for a file parsed before with another text (one being edited), not for every file read.
  // (A `spec:` header and the configuration: the header is small, the configuration's entries are kept.)
  const editable = previous !== undefined && (list.length === 1 || list.length === 2) && flow.relaxed.length === 0;
  const reusable = editable ? keptJobs.get(previous) : undefined;
  const body = (list.at(-1)?.contents as YamlNode | null)?.range?.[0] ?? 0;
  const unchanged = editable && reusable ? untouched(previous.text, text, body) : undefined;
  const kept: KeptJobs | undefined = editable ? new Map() : undefined;
  const convert = (node: unknown, depth: number): ANode => {
    if (depth > 200) return { kind: 'scalar', value: null, origin: at(node as YamlNode) };
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        problems.push({
          rule: 'gitlab-yaml',
          severity: 'error',
          message: `Alias *${node.source} is not defined: no anchor &${node.source} comes before it.`,
          origin: at(node),
        });
        return { kind: 'scalar', value: null, origin: at(node) };
      }
      if (++expansions > MAX_ALIAS_EXPANSIONS) {
        if (expansions === MAX_ALIAS_EXPANSIONS + 1)
          problems.push({ rule: 'gitlab-yaml', severity: 'error', message: 'Aliases expand too many times (over 10,000).', origin: at(node) });
        return { kind: 'scalar', value: null, origin: at(node) };
      }
      return convert(target, depth + 1);
    }
    const anchor = anchorOf(node);
    if (anchor) {
      anchors.set(anchor, node);
      anchored++;
    }
    if (isMap(node)) {
      // The mapping as GitLab's YAML reader (Ruby's Psych) builds it, in document order: a key written
      // again replaces the earlier one (a warning), and each `<<` merges its mappings over what is there
      // so far: keys written above it and an earlier `<<`'s are overwritten, keys below it win.
      const entries = new Map<string, AEntry>();
      // Keys written in this mapping (not merged in): one written twice is a duplicate.
      const seen = new Set<string>();
      const putOwn = (name: string, entry: AEntry, duplicate: () => void): void => {
        if (seen.has(name)) duplicate();
        seen.add(name);
        entries.delete(name); // a key written here goes after the merged ones, in the order written
        entries.set(name, entry);
      };
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const isMerge = isScalar(pair.key) && typeof pair.key.value === 'symbol';
        if (isMerge) {
          // `<<: *a` or `<<: [*a, *b]` (the first of a list wins among them): over what is there so far.
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          const merging = new Map<string, AEntry>();
          for (const source of sources) {
            const value = convert(source, depth + 1);
            if (value.kind === 'map') for (const entry of value.entries) if (!merging.has(keyText(entry))) merging.set(keyText(entry), entry);
          }
          for (const [name, entry] of merging) entries.set(name, entry);
          continue;
        }
        // A root key of the last parse whose text the edit did not touch nor move: its entry as converted then.
        const span = depth === 0 ? spanOf(pair) : undefined;
        const before = span && reusable?.get(span[0]);
        if (before && unchanged && before.end === span[1] && unchanged(span[0], span[1], before.expansions > 0)) {
          putOwn(keyText(before.entry), before.entry, () =>
            problems.push({
              rule: 'gitlab-yaml',
              severity: 'warning',
              message: `'${String(before.entry.key.value)}' is defined more than once here: GitLab keeps the last one.`,
              origin: before.entry.key.origin,
            }),
          );
          if (before.anchors) registerAnchors(pair.value, 1, anchors);
          expansions += before.expansions;
          kept?.set(span[0], before);
          continue;
        }
        const expansionsBefore = expansions;
        const anchoredBefore = anchored;
        const problemsBefore = problems.length;
        const keyNode = isScalar(pair.key) ? pair.key : undefined;
        const key: AScalar = keyNode
          ? { kind: 'scalar', value: scalarText(keyNode), origin: at(keyNode) }
          : { kind: 'scalar', value: '', origin: at(pair.key as YamlNode) };
        const value =
          pair.value === null || pair.value === undefined
            ? ({ kind: 'scalar', value: null, origin: { ...key.origin, start: key.origin.end } } as AScalar)
            : convert(pair.value, depth + 1);
        const entry = { key, value };
        putOwn(key.value === null ? '' : String(key.value), entry, () =>
          problems.push({
            rule: 'gitlab-yaml',
            severity: 'warning',
            message: `'${String(key.value)}' is defined more than once here: GitLab keeps the last one.`,
            origin: key.origin,
          }),
        );
        if (span && problems.length === problemsBefore)
          kept?.set(span[0], { entry, end: span[1], anchors: anchored !== anchoredBefore, expansions: expansions - expansionsBefore });
      }
      return { kind: 'map', entries: [...entries.values()], origin: at(node) };
    }
    if (isSeq(node)) {
      const items = node.items.map((item) => convert(item, depth + 1));
      return node.tag === '!reference' ? { kind: 'seq', items, origin: at(node), reference: true } : { kind: 'seq', items, origin: at(node) };
    }
    if (isScalar(node)) {
      const value = node.value;
      const scalar: ScalarValue =
        value === null || typeof value === 'string' || typeof value === 'boolean'
          ? value
          : typeof value === 'number'
            ? value
            : scalarText(node as { value: unknown; source?: string });
      return { kind: 'scalar', value: scalar, origin: at(node) };
    }
    return { kind: 'scalar', value: null, origin: at(node as YamlNode) };
  };

  // GitLab's loader drops blank documents (a trailing `---`, an empty one between): only the others count.
  const documentsRead = list
    .map((doc) => ({ doc, node: doc.contents === null || doc.contents === undefined ? undefined : convert(doc.contents, 0) }))
    .filter(({ node }, _, all) => all.length === 1 || !isBlank(node));
  const contents = documentsRead.map(({ node }) => node);
  const result = (header: ANode | undefined, root: ANode | undefined): GitLabFile => {
    const made: GitLabFile = { file, text, header, root, problems };
    if (kept?.size) keptJobs.set(made, kept);
    return made;
  };
  // Two documents: the first is the `spec:` header of a component or template with inputs.
  if (contents.length >= 2) {
    const [header, root] = contents;
    for (const problem of headerProblems(header)) problems.push({ rule: 'gitlab-inputs', severity: 'error', ...problem });
    if (contents.length > 2)
      problems.push({
        rule: 'gitlab-yaml',
        severity: 'error',
        message: 'A GitLab CI file holds at most two documents: a `spec:` header and the configuration.',
        origin: at(documentsRead[2]?.doc.contents as YamlNode),
      });
    return result(header, root);
  }
  return result(undefined, contents[0]);
}

/** Ruby's blank?: nothing, an empty text, an empty mapping or list. */
const isBlank = (node: ANode | undefined): boolean =>
  node === undefined ||
  (node.kind === 'scalar' && (node.value === null || node.value === '')) ||
  (node.kind === 'map' && node.entries.length === 0) ||
  (node.kind === 'seq' && node.items.length === 0);

/**
 * The root entries of a parse that told no problem, by where their text starts. After an edit inside
 * one of them, the others' texts are as they were: an entry whose text the edit did not touch nor
 * move is taken as it was converted (a root entry of a block mapping reads the same wherever the text
 * around it changed; one with aliases, only before the edit, where the anchors they name are too; the
 * anchors it defines are registered again). An edit to one job then builds that job's tree, not the
 * file's (omnibus-gitlab's dev-gitlab-org.yml has 1,300 lines), whether the YAML was patched in place
 * or, for a multi-line plain scalar, parsed again.
 */
type KeptJobs = Map<number, { readonly entry: AEntry; readonly end: number; readonly anchors: boolean; readonly expansions: number }>;
const keptJobs = new WeakMap<GitLabFile, KeptJobs>();

/** The anchor a node defines, where the conversion reads one (scalars, mappings, lists). */
function anchorOf(node: unknown): string | undefined {
  const anchor = (node as { anchor?: string } | null)?.anchor;
  return anchor && (isScalar(node) || isMap(node) || isSeq(node)) ? anchor : undefined;
}

/** The anchors a kept entry's value defines, registered in the order and to the depth the conversion does. */
function registerAnchors(node: unknown, depth: number, anchors: Map<string, unknown>): void {
  if (depth > 200 || isAlias(node)) return;
  const anchor = anchorOf(node);
  if (anchor) anchors.set(anchor, node);
  if (isSeq(node)) for (const item of node.items) registerAnchors(item, depth + 1, anchors);
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    // A merge key's sources are converted one by one (a list of them is not a node of its own).
    if (isScalar(pair.key) && typeof pair.key.value === 'symbol')
      for (const source of isSeq(pair.value) ? pair.value.items : [pair.value]) registerAnchors(source, depth + 1, anchors);
    else registerAnchors(pair.value, depth + 1, anchors);
  }
}

/** Where a root pair's text starts and ends (the key to the end of its value, trailing comments included). */
function spanOf(pair: { key: unknown; value: unknown }): [number, number] | undefined {
  const start = (pair.key as YamlNode | null)?.range?.[0];
  const end = (pair.value as YamlNode | null)?.range?.[2];
  return start === undefined || end === undefined ? undefined : [start, end];
}

/**
 * Whether the stretch [start, end) of `after` is as it was in `before`, at the same offsets: the one
 * changed stretch lies outside it, apart. Nothing is, when the change is before `body` (the root
 * mapping): a directive there may change what every tag means.
 */
function untouched(before: string, after: string, body: number): (start: number, end: number, aliased: boolean) => boolean {
  const shorter = Math.min(before.length, after.length);
  let first = 0;
  // Long equal stretches compared natively, then the last one character by character.
  const STEP = 512;
  while (first + STEP <= shorter && before.startsWith(after.slice(first, first + STEP), first)) first += STEP;
  while (first < shorter && before.charCodeAt(first) === after.charCodeAt(first)) first++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd - STEP >= first && newEnd - STEP >= first && before.endsWith(after.slice(newEnd - STEP, newEnd), oldEnd)) {
    oldEnd -= STEP;
    newEnd -= STEP;
  }
  while (oldEnd > first && newEnd > first && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (first < body) return () => false;
  const moved = newEnd - oldEnd !== 0;
  // An entry with aliases only before the change: the anchors they name come before them, untouched too.
  return (start, end, aliased) => end < first || (!aliased && !moved && start > oldEnd);
}
