import type { FixPlan, GitStep } from './model';
import { exactIgnorePattern } from './ignore-pattern';

const SAFE = /^[\w@%+=:,./^~{}-]+$/;

/**
 * A git step as a person would type it, for display and copying only
 * (Shipshape itself runs the argument list, never this string).
 */
export function displayCommand(step: GitStep): string {
  return ['git', ...step.args].map((arg) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Every command a fix runs, for display and copying: its git steps, then what it adds to .gitignore. */
export function fixCommands(fix: Pick<FixPlan, 'steps' | 'ignorePaths'>): string[] {
  const patterns = (fix.ignorePaths ?? []).flatMap((path) => exactIgnorePattern(path) ?? []);
  const quoted = patterns.map((pattern) => `'${pattern.replace(/'/g, `'\\''`)}'`);
  return [...fix.steps.map(displayCommand), ...(quoted.length > 0 ? [`printf '%s\\n' ${quoted.join(' ')} >> .gitignore`] : [])];
}
