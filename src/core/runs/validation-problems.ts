import type { Finding } from '../pipelines/finding';
import type { PlanProblem } from './plan';

/**
 * Which validation findings stop a local run: the errors GitHub itself rejects. An advisory error (an untrusted
 * input inlined in a script, a deprecated command) is a workflow GitHub runs, so it is a warning here; with
 * `ignoreErrors` (the user insists) every error is.
 */
export function runValidation(
  findings: readonly Finding[],
  file: string,
  ignoreErrors = false,
): { readonly errors: PlanProblem[]; readonly warnings: PlanProblem[] } {
  const errors: PlanProblem[] = [];
  const warnings: PlanProblem[] = [];
  for (const finding of findings) {
    if (finding.severity !== 'error') continue;
    const problem = { message: finding.message, file, line: finding.range.start.line, column: finding.range.start.column, rule: finding.rule };
    (finding.advisory || ignoreErrors ? warnings : errors).push(problem);
  }
  return { errors, warnings };
}
