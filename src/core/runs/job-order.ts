export interface JobNode {
  readonly id: string;
  readonly needs: readonly string[];
}

export interface JobOrder {
  /** Jobs grouped into waves: every job's needs are in earlier waves. */
  readonly waves: readonly (readonly string[])[];
  /** Jobs that can never start: in a cycle, or needing a job that is not there. */
  readonly blocked: readonly { readonly id: string; readonly reason: string }[];
}

/** Kahn's algorithm over `needs`; a pure function so plans and views agree on order. */
export function orderJobs(jobs: readonly JobNode[]): JobOrder {
  const ids = new Set(jobs.map((job) => job.id));
  const blocked: { id: string; reason: string }[] = [];
  const remaining = new Map<string, Set<string>>();
  for (const job of jobs) {
    const unknown = job.needs.filter((need) => !ids.has(need));
    if (unknown.length)
      blocked.push({
        id: job.id,
        reason: `needs ${unknown.map((n) => `"${n}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not a job in this workflow`,
      });
    else remaining.set(job.id, new Set(job.needs));
  }
  const waves: string[][] = [];
  const done = new Set<string>();
  for (;;) {
    const ready = [...remaining].filter(([, needs]) => [...needs].every((need) => done.has(need))).map(([id]) => id);
    if (ready.length === 0) break;
    waves.push(ready);
    for (const id of ready) {
      done.add(id);
      remaining.delete(id);
    }
  }
  for (const id of remaining.keys()) blocked.push({ id, reason: 'waits on a job that can never start (a cycle in needs, or a blocked job)' });
  return { waves, blocked };
}
