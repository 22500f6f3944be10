import { isScalar } from '../../yaml/identity';
import type { Rule } from '../../rule';
import { get, stringList } from '../../yaml/nodes';
import { suggest } from '../data/suggest';
import { jobsOf } from '../workflow-nodes';

/** `needs:` names existing jobs, no job twice, and no cycles. */
export const jobNeedsRule: Rule = {
  id: 'job-needs',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'needs: must name jobs of this workflow, without duplicates or cycles.',
  check(context) {
    const { doc } = context.source;
    const jobs = jobsOf(context);
    const ids = new Map(jobs.map((job) => [job.id.toLowerCase(), job.id]));
    const edges = new Map<string, string[]>();
    for (const job of jobs) {
      const seen = new Set<string>();
      const needs: string[] = [];
      for (const { value, node } of stringList(doc, get(doc, job.map, 'needs'))) {
        if (value.includes('${{')) continue;
        const key = value.toLowerCase();
        if (seen.has(key)) {
          context.report({ message: `Job "${job.id}" needs "${value}" twice.`, at: node, severity: 'warning' });
          continue;
        }
        seen.add(key);
        if (!ids.has(key)) {
          const hint = suggest(value, [...ids.values()]);
          context.report({ message: `Job "${job.id}" needs "${value}", but there is no job with that id.${hint ? ` Did you mean "${hint}"?` : ''}`, at: node });
        } else if (key === job.id.toLowerCase()) {
          context.report({ message: `Job "${job.id}" needs itself.`, at: node });
        } else {
          needs.push(key);
        }
      }
      edges.set(job.id.toLowerCase(), needs);
    }
    for (const cycle of findCycles(edges)) {
      const first = jobs.find((job) => job.id.toLowerCase() === cycle[0]);
      const names = cycle.map((id) => ids.get(id) ?? id);
      const needsNode = first ? get(doc, first.map, 'needs') : undefined;
      context.report({
        message: `Jobs wait on each other in a cycle: ${[...names, names[0]].join(' -> ')}. None of them can start.`,
        at: isScalar(needsNode) || needsNode ? needsNode : first?.key,
      });
    }
  },
};

/** Each elementary cycle once, found by depth-first search (jobs are few). */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (node: string): void => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return cycles;
}
