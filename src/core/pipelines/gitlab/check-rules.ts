/**
 * `rules:` as GitLab's Rules and Rules::Rule entries read them: a non-empty list (nested lists, as
 * several `!reference` tags make them, are flattened), each rule a non-empty mapping whose `if:` is
 * an expression GitLab can parse; and `only`/`except: variables:` expressions. A null rule is
 * skipped by GitLab (an unspecified entry), so it is here too. Messages are GitLab's words (its
 * locations, `jobs:x:rules:rule`), with what was expected after them.
 */
import { scalarText, valueOf, type ANode } from '../yaml/located-tree';
import { findingAt as at, type GitLabFinding } from './finding';
import { expressionProblem } from './rules-expression';

/** The rules of a `rules:` list, nested lists flattened; unresolved `!reference` values are not judged. */
function rulesOf(list: ANode): ANode[] {
  if (list.kind !== 'seq') return [list];
  return list.items.flatMap((item) => (item.kind === 'seq' && !item.reference ? rulesOf(item) : [item]));
}

function expressionFinding(location: string, node: ANode | undefined, out: GitLabFinding[]): void {
  // An unresolved `!reference` (in a file not read here) is not judged.
  if (!node || (node.kind === 'scalar' && (node.unknown || node.value === null)) || (node.kind === 'seq' && node.reference)) return;
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  // GitLab's ExpressionValidator: only a string can be an expression.
  const problem = text === undefined ? { message: 'an expression must be a string' } : expressionProblem(text);
  if (problem) out.push({ rule: 'gitlab-rules', severity: 'error', message: `${location} invalid expression syntax: ${problem.message}`, ...at(node) });
}

/**
 * Checks a `rules:` entry; `location` is GitLab's name for it (`jobs:build:rules`, `workflow:rules`).
 * Returns the rules that are mappings, for the checks of their keys.
 */
export function checkRulesList(location: string, list: ANode, out: GitLabFinding[]): ANode[] {
  const say = (message: string, node: ANode): void => {
    out.push({ rule: 'gitlab-rules', severity: 'error', message, ...at(node) });
  };
  if (list.kind === 'scalar' && (list.value === null || list.unknown)) return [];
  if (list.kind !== 'seq') {
    say(`${location} config should be an array`, list);
    return [];
  }
  if (list.reference) return [];
  const rules = rulesOf(list);
  if (!rules.length) say(`${location} config can't be blank`, list);
  const maps: ANode[] = [];
  for (const rule of rules) {
    if ((rule.kind === 'scalar' && (rule.value === null || rule.unknown)) || (rule.kind === 'seq' && rule.reference)) continue;
    if (rule.kind !== 'map') say(`${location}:rule config should be a hash`, rule);
    else if (!rule.entries.length) say(`${location}:rule config can't be blank`, rule);
    else {
      expressionFinding(`${location}:rule if`, valueOf(rule, 'if'), out);
      maps.push(rule);
    }
  }
  return maps;
}

/** `only:`/`except:` with `variables:` expressions (GitLab's ComplexPolicy). */
export function checkPolicyVariables(location: string, policy: ANode | undefined, out: GitLabFinding[]): void {
  const variables = valueOf(policy, 'variables');
  if (variables?.kind !== 'seq') return;
  for (const item of variables.items) if (scalarText(item) !== undefined || item.kind !== 'scalar') expressionFinding(`${location} variables`, item, out);
}
