/**
 * `!reference [job, key, ...]` resolved as GitLab's resolver does, after `extends`: the path is
 * followed from the root of the merged configuration, what it finds may hold references itself
 * (resolved in turn, at most 10 levels), and a reference that comes back to itself is circular.
 * The resolved nodes keep the origin where they were written. When the configuration is open, a
 * first name not found may be defined by an include not read offline: nothing is claimed.
 */
import { keyText, scalarText, valueOf, type AEntry, type AMap, type ANode, type ASeq } from '../yaml/located-tree';
import type { GitLabFinding } from './finding';

export const MAX_REFERENCE_DEPTH = 10;

export const referenceText = (names: readonly string[]): string => `!reference [${names.map((name) => JSON.stringify(name)).join(', ')}]`;

export function resolveReferences(root: AMap, open: boolean, problems: GitLabFinding[]): { root: AMap; unresolved: boolean } {
  let unresolved = false;
  // Problems told and references left unresolved, counted (repeats too): a walk that met none can be kept.
  let told = 0;
  const report = (message: string, node: ANode): void => {
    told++;
    if (problems.some((p) => p.message === message && p.origin.start === node.origin.start && p.origin.file === node.origin.file)) return;
    problems.push({ rule: 'gitlab-reference', severity: 'error', message, origin: node.origin, ...(node.via ? { via: node.via } : {}) });
  };

  /** A resolved reference and the length of the longest chain of references it starts (itself included). */
  const memo = new Map<string, { node: ANode; height: number }>();
  interface Frame {
    height: number;
  }
  const tooDeep = (names: readonly string[], node: ANode): ANode => {
    report(`${referenceText(names)} is nested too deep: GitLab follows at most ${MAX_REFERENCE_DEPTH} levels of references`, node);
    unresolved = true;
    told++;
    return node;
  };

  const resolve = (node: ASeq, stack: readonly string[], frame: Frame): ANode => {
    const names = node.items.map((item) => scalarText(item) ?? '');
    const key = names.join('\0');
    const known = memo.get(key);
    if (known) {
      if (stack.length + known.height > MAX_REFERENCE_DEPTH) return tooDeep(names, node);
      frame.height = Math.max(frame.height, known.height);
      return known.node;
    }
    if (stack.includes(key)) {
      report(`${referenceText(names)} is part of a circular chain`, node);
      unresolved = true;
      told++;
      return node;
    }
    if (stack.length >= MAX_REFERENCE_DEPTH) return tooDeep(names, node);
    let found: ANode | undefined = root;
    // A number steps into a list (gitlab-ci-local's real files use it; nothing is claimed against it).
    for (const name of names) found = found?.kind === 'seq' && /^\d+$/.test(name) ? found.items[Number(name)] : valueOf(found, name);
    if (!found || names.length === 0) {
      unresolved = true;
      told++;
      const first = names[0] ?? '';
      if (!(open && !root.entries.some((entry) => keyText(entry) === first))) report(`${referenceText(names)} could not be found`, node);
      return node;
    }
    const inner: Frame = { height: 0 };
    const result = walkKept(found, [...stack, key], inner);
    memo.set(key, { node: result, height: inner.height + 1 });
    frame.height = Math.max(frame.height, inner.height + 1);
    return result;
  };

  // A subtree without references comes back as it was: only the path to a reference is copied
  // (no array is made for a list or mapping until one of its values changes). `met` collects the
  // references met and what they resolved to.
  const walk = (node: ANode, stack: readonly string[], frame: Frame, met?: ANode[]): ANode => {
    if (node.kind === 'scalar') return node;
    if (node.kind === 'seq') {
      if (node.reference) {
        const resolved = resolve(node, stack, frame);
        met?.push(node, resolved);
        return resolved;
      }
      let items: ANode[] | undefined;
      for (let index = 0; index < node.items.length; index++) {
        const item = node.items[index] as ANode;
        const walked = walk(item, stack, frame, met);
        if (walked !== item) items ??= node.items.slice(0, index);
        items?.push(walked);
      }
      return items ? { ...node, items } : node;
    }
    let entries: AEntry[] | undefined;
    for (let index = 0; index < node.entries.length; index++) {
      const entry = node.entries[index] as AEntry;
      const value = walk(entry.value, stack, frame, met);
      if (value !== entry.value) entries ??= node.entries.slice(0, index);
      entries?.push(value === entry.value ? entry : { key: entry.key, value });
    }
    return entries ? { ...node, entries } : node;
  };

  // Each root entry (a job) as resolved before when its references resolve as they did then.
  const top: Frame = { height: 0 };
  let entries: AEntry[] | undefined;
  for (let index = 0; index < root.entries.length; index++) {
    const entry = root.entries[index] as AEntry;
    const value = walkKept(entry.value, [], top);
    if (value !== entry.value) entries ??= root.entries.slice(0, index);
    entries?.push(value === entry.value ? entry : { key: entry.key, value });
  }
  return { root: entries ? { ...root, entries } : root, unresolved };

  /** `walk`, or the walk of the same node before when the references met in it resolve to the same nodes. */
  function walkKept(node: ANode, stack: readonly string[], frame: Frame): ANode {
    if (node.kind === 'scalar') return node;
    const before = resolvedBefore.get(node);
    if (before) {
      // The calls the walk would make, in its order (with what they tell and the heights they give).
      const toldBefore = told;
      let same = true;
      for (let index = 0; index < before.met.length && same; index += 2) same = resolve(before.met[index] as ASeq, stack, frame) === before.met[index + 1];
      if (same && told === toldBefore) return before.result;
    }
    const met: ANode[] = [];
    const toldBefore = told;
    const result = walk(node, stack, frame, met);
    // Kept when it told nothing (one without references too: it is not walked again); another walk is made after one that told something.
    if (told === toldBefore) resolvedBefore.set(node, { met, result });
    return result;
  }
}

/**
 * A job's (or a referenced node's) resolution, with the references met in it and what each resolved
 * to: the trees are immutable and an edit leaves most jobs the same objects (parse-cache.ts), so a job
 * whose references resolve to the very nodes they did is not walked nor copied again (nor is its
 * effective map made again).
 */
const resolvedBefore = new WeakMap<ANode, { readonly met: readonly ANode[]; readonly result: ANode }>();
