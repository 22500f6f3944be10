import { didYouMean, quoteList, type DataProblem } from './suggest';

export type AccessLevel = 'read' | 'write' | 'none';

const READ_WRITE_NONE: readonly AccessLevel[] = ['read', 'write', 'none'];

/**
 * GITHUB_TOKEN scopes and the access each accepts ("Controlling permissions
 * for GITHUB_TOKEN", 2026). `write` includes `read`; scopes left out of a
 * mapping are `none`.
 */
export const PERMISSION_SCOPES: Readonly<Record<string, readonly AccessLevel[]>> = {
  actions: READ_WRITE_NONE,
  'artifact-metadata': READ_WRITE_NONE,
  attestations: READ_WRITE_NONE,
  checks: READ_WRITE_NONE,
  contents: READ_WRITE_NONE,
  deployments: READ_WRITE_NONE,
  discussions: READ_WRITE_NONE,
  'id-token': ['write', 'none'],
  issues: READ_WRITE_NONE,
  models: ['read', 'none'],
  packages: READ_WRITE_NONE,
  pages: READ_WRITE_NONE,
  'pull-requests': READ_WRITE_NONE,
  'repository-projects': READ_WRITE_NONE,
  'security-events': READ_WRITE_NONE,
  statuses: READ_WRITE_NONE,
  'vulnerability-alerts': ['read', 'none'],
};

/** The shorthand strings `permissions:` accepts; `{}` (an empty mapping) grants nothing. */
export const PERMISSION_SHORTHANDS = ['read-all', 'write-all'] as const;

const SCOPE_NAMES = Object.keys(PERMISSION_SCOPES);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Problems with a parsed `permissions:` value (workflow or job level). */
export function checkPermissions(value: unknown): DataProblem[] {
  if (typeof value === 'string') {
    if ((PERMISSION_SHORTHANDS as readonly string[]).includes(value) || value.includes('${{')) return [];
    const hint = didYouMean(value, PERMISSION_SHORTHANDS) || ` Use "read-all", "write-all", {} or a mapping of scopes.`;
    return [{ message: `"${value}" is not a permissions value.${hint}`, severity: 'error', start: 0, end: value.length }];
  }
  if (value === null || value === undefined) {
    return [{ message: 'permissions has no value. Write {} to grant no permissions, or remove the key to keep the default.', severity: 'warning' }];
  }
  if (!isRecord(value)) {
    return [{ message: 'permissions must be "read-all", "write-all" or a mapping of scopes to read, write or none.', severity: 'error' }];
  }
  const problems: DataProblem[] = [];
  for (const [scope, level] of Object.entries(value)) {
    const accepted = Object.prototype.hasOwnProperty.call(PERMISSION_SCOPES, scope) ? PERMISSION_SCOPES[scope] : undefined;
    if (!accepted) {
      problems.push({ message: `Unknown permission scope "${scope}".${didYouMean(scope, SCOPE_NAMES)}`, severity: 'error', key: scope });
      continue;
    }
    if (typeof level === 'string' && level.includes('${{')) continue;
    if (typeof level !== 'string' || !(accepted as readonly string[]).includes(level)) {
      const shown = typeof level === 'string' ? `"${level}"` : (JSON.stringify(level) ?? String(level));
      const hint = typeof level === 'string' ? didYouMean(level, accepted, 1) : '';
      problems.push({
        message: `Permission "${scope}" cannot be ${shown}; it accepts ${quoteList(accepted, 'or')}.${hint}`,
        severity: 'error',
        key: scope,
      });
    }
  }
  return problems;
}
