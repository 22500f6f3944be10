/**
 * Script injection: properties an outside contributor controls (an issue title, a branch name,
 * a commit message). Inlined into `run:` or a github-script `script:` they become code; they
 * should pass through an environment variable instead. The list follows actionlint and GitHub's
 * "Security hardening" guide; `*` stands for any array item.
 */
import type { Expr } from './ast';

export const UNTRUSTED_INPUTS: readonly string[] = [
  'github.event.issue.title',
  'github.event.issue.body',
  'github.event.pull_request.title',
  'github.event.pull_request.body',
  'github.event.pull_request.head.ref',
  'github.event.pull_request.head.label',
  'github.event.pull_request.head.repo.default_branch',
  'github.event.discussion.title',
  'github.event.discussion.body',
  'github.event.comment.body',
  'github.event.review.body',
  'github.event.review_comment.body',
  'github.event.pages.*.page_name',
  'github.event.commits.*.message',
  'github.event.commits.*.author.email',
  'github.event.commits.*.author.name',
  'github.event.head_commit.message',
  'github.event.head_commit.author.email',
  'github.event.head_commit.author.name',
  'github.event.workflow_run.head_branch',
  'github.event.workflow_run.head_commit.message',
  'github.event.workflow_run.head_commit.author.email',
  'github.event.workflow_run.head_commit.author.name',
  'github.event.workflow_run.pull_requests.*.head.ref',
  'github.head_ref',
];

export interface UntrustedUse {
  /** The untrusted property reached, e.g. `github.event.issue.title`. */
  readonly path: string;
  /** Span of the whole access expression in the parsed source. */
  readonly start: number;
  readonly end: number;
}

interface PathNode {
  readonly path: string;
  readonly children: Map<string, PathNode>;
}

const ROOTS: ReadonlyMap<string, PathNode> = (() => {
  const roots = new Map<string, PathNode>();
  for (const input of UNTRUSTED_INPUTS) {
    const [rootName, ...rest] = input.split('.');
    let node = roots.get(rootName as string) ?? { path: rootName as string, children: new Map() };
    roots.set(rootName as string, node);
    for (const part of rest) {
      const child: PathNode = node.children.get(part) ?? { path: `${node.path}.${part}`, children: new Map() };
      node.children.set(part, child);
      node = child;
    }
  }
  return roots;
})();

/** Calls whose result cannot carry the untrusted text itself, only a yes or no. */
const SAFE_FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);

/** Every untrusted property the expression reads, directly or through an object filter (`github.event.*.body`). */
export function untrustedPaths(expr: Expr): UntrustedUse[] {
  const found: UntrustedUse[] = [];
  visit(expr, false, found);
  return found;
}

function visit(expr: Expr, isReceiver: boolean, found: UntrustedUse[]): void {
  switch (expr.kind) {
    case 'literal':
    case 'context':
      if (expr.kind === 'context' && !isReceiver) matchChain(expr, found);
      return;
    case 'property':
    case 'filter':
      if (!isReceiver) matchChain(expr, found);
      visit(expr.receiver, true, found);
      return;
    case 'index':
      if (!isReceiver) matchChain(expr, found);
      visit(expr.receiver, true, found);
      visit(expr.index, false, found);
      return;
    case 'call':
      if (SAFE_FUNCTIONS.has(expr.name.toLowerCase())) return;
      for (const arg of expr.args) visit(arg, false, found);
      return;
    case 'not':
      visit(expr.operand, false, found);
      return;
    case 'binary':
      visit(expr.left, false, found);
      visit(expr.right, false, found);
      return;
  }
}

type Step = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'item' } | { readonly kind: 'filter' };

function matchChain(chain: Expr, found: UntrustedUse[]): void {
  const steps: Step[] = [];
  let node: Expr = chain;
  for (;;) {
    if (node.kind === 'property') steps.push({ kind: 'name', name: node.name.toLowerCase() });
    else if (node.kind === 'filter') steps.push({ kind: 'filter' });
    else if (node.kind === 'index') {
      const index = node.index;
      steps.push(index.kind === 'literal' && typeof index.value === 'string' ? { kind: 'name', name: index.value.toLowerCase() } : { kind: 'item' });
    } else break;
    node = node.receiver;
  }
  if (node.kind !== 'context') return;
  const root = ROOTS.get(node.name.toLowerCase());
  if (!root) return;
  let positions: PathNode[] = [root];
  let afterFilter = false;
  for (const step of steps.reverse()) {
    if (step.kind === 'name') positions = positions.flatMap((p) => child(p, step.name));
    else if (step.kind === 'filter') positions = positions.flatMap((p) => (p.children.has('*') ? child(p, '*') : [...p.children.values()]));
    // `x.*[0]` indexes the filtered items, which the filter already stands for.
    else if (!afterFilter) positions = positions.flatMap((p) => child(p, '*'));
    afterFilter = step.kind === 'filter';
    if (positions.length === 0) return;
  }
  const seen = new Set<string>();
  for (const position of positions) {
    if (position.children.size > 0 || seen.has(position.path)) continue;
    seen.add(position.path);
    found.push({ path: position.path, start: chain.start, end: chain.end });
  }
}

function child(node: PathNode, name: string): PathNode[] {
  const next = node.children.get(name);
  return next ? [next] : [];
}
