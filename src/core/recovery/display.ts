import type { GitStep } from './model';

const SAFE = /^[\w@%+=:,./^~{}-]+$/;

/**
 * A git step as a person would type it, for display and copying only
 * (Shipshape itself runs the argument list, never this string).
 */
export function displayCommand(step: GitStep): string {
  return ['git', ...step.args].map((arg) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
