/**
 * `include:` entries with `rules:`, decided offline where GitLab's answer does not depend on the
 * pipeline: GitLab takes the first rule whose clauses all match (`if`, `exists`, `changes`) and
 * includes the file unless its `when` is `never`; when no rule matches, the file is not included.
 * `exists` is decided from the repository's files (an exact path is there or not; a pattern is
 * known to match when a listed file matches it). `if` reads variables GitLab sets for the pipeline
 * (predefined, project, group: none known offline), so it is decided only when it does not depend
 * on them; `changes` depends on the push. Anything undecided is 'maybe'.
 */
import { scalarText, valueOf, type ANode } from '../yaml/located-tree';
import { matchIncludeGlob, normalizeLocal } from './include-paths';
import { evaluateExpression, UNKNOWN } from './rules-evaluate';

export type IncludeDecision = 'yes' | 'no' | 'maybe';

export interface RepositoryFiles {
  /** Whether a file exists at this path (relative to the repository root, forward slashes). */
  readonly exists: (path: string) => boolean;
  /** The repository's YAML files (relative, forward slashes): what a pattern is matched against. */
  readonly list: () => readonly string[];
}

const GLOB = /[*?[{]/;

/** Whether GitLab includes the file with these `rules:`. */
export function includeRulesDecision(rules: ANode, files: RepositoryFiles): IncludeDecision {
  if (rules.kind !== 'seq') return 'maybe';
  // What GitLab may end up deciding: a rule that may or may not match adds its outcome and lets the next ones speak.
  const outcomes = new Set<IncludeDecision>();
  let settled = false;
  for (const rule of rules.items) {
    const match = ruleMatches(rule, files);
    if (match === 'no') continue;
    const when = scalarText(valueOf(rule, 'when'));
    outcomes.add(when === 'never' ? 'no' : when === undefined || when === 'always' ? 'yes' : 'maybe');
    if (match === 'yes') {
      settled = true;
      break;
    }
  }
  if (!settled) outcomes.add('no'); // no rule matched: not included
  return outcomes.size === 1 ? ([...outcomes][0] as IncludeDecision) : 'maybe';
}

/** Whether all of a rule's clauses match. */
function ruleMatches(rule: ANode, repository: RepositoryFiles): IncludeDecision {
  if (rule.kind !== 'map') return 'maybe';
  const clauses: IncludeDecision[] = [];
  const condition = valueOf(rule, 'if');
  if (condition) {
    const text = scalarText(condition);
    const value = text === undefined ? undefined : evaluateExpression(text, () => UNKNOWN);
    clauses.push(value === true ? 'yes' : value === false ? 'no' : 'maybe');
  }
  const exists = valueOf(rule, 'exists');
  if (exists) clauses.push(existsMatches(exists, repository));
  if (valueOf(rule, 'changes')) clauses.push('maybe');
  return clauses.includes('no') ? 'no' : clauses.includes('maybe') ? 'maybe' : 'yes';
}

/** `exists:` as a list of paths, or `exists: { paths: [...] }` (with `project:` it reads another project: undecided). */
function existsMatches(exists: ANode, repository: RepositoryFiles): IncludeDecision {
  const list = exists.kind === 'map' ? (valueOf(exists, 'project') ? undefined : valueOf(exists, 'paths')) : exists;
  const paths = list?.kind === 'seq' ? list.items.map(scalarText) : list ? [scalarText(list)] : [undefined];
  let undecided = false;
  for (const path of paths) {
    if (path === undefined || path.includes('$')) {
      undecided = true;
      continue;
    }
    const relative = normalizeLocal(path);
    if (!GLOB.test(relative)) {
      if (repository.exists(relative)) return 'yes';
    } else if (matchIncludeGlob(relative, repository.list()).length > 0) return 'yes';
    else undecided = true; // only YAML files are listed: another file may match the pattern
  }
  return undecided ? 'maybe' : 'no';
}
