import type { FixPlan } from './model';

/** What a person most likely does right after a fix: go to the branch it made, or open the file it brought back. */
export type NextStep =
  { readonly kind: 'switch'; readonly branch: string; readonly label: string } | { readonly kind: 'open-file'; readonly path: string; readonly label: string };

/** The next step a fix leads to, read from its steps; undefined when there is nothing new to go to. */
export function nextStepAfter(fix: FixPlan, currentBranch: string | undefined): NextStep | undefined {
  for (const { args } of fix.steps) {
    const [command, ...rest] = args;
    const positional = rest.filter((arg) => !arg.startsWith('-'));
    if (command === 'branch' && !rest.some((arg) => arg === '-d' || arg === '-D' || arg === '-m' || arg === '-M')) {
      const branch = positional[0];
      if (branch && branch !== currentBranch) return { kind: 'switch', branch, label: `Switch to ${branch}` };
    }
  }
  const restoring = fix.steps.find(({ args }) => args[0] === 'restore' || args[0] === 'checkout-index');
  const dashes = restoring?.args.indexOf('--') ?? -1;
  const spec = restoring && dashes >= 0 ? restoring.args[dashes + 1] : undefined;
  if (spec) {
    const path = spec.replace(/^:\(literal\)/, '');
    return { kind: 'open-file', path, label: `Open ${path}` };
  }
  return undefined;
}
