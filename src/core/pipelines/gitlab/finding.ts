/** What the GitLab merge and checks report: GitLab's own words where it has them, at the line a person wrote. */
import type { LocatedFix } from '../located-findings';
import type { ANode, Origin } from '../yaml/located-tree';

export interface GitLabFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly origin: Origin;
  /** The `include:` lines the finding was reached through, outermost first. */
  readonly via?: readonly Origin[];
  /** An include cycle: the editor lifts it to the include line of the file being edited that leads into it. */
  readonly cycle?: true;
  /** Edits that fix it, at the offsets written (gitlab-fixes.ts). */
  readonly fixes?: readonly LocatedFix[];
}

/** Where a finding about `node` is: its origin, and the include lines it was reached through. */
export const findingAt = (node: ANode): Pick<GitLabFinding, 'origin' | 'via'> => ({ origin: node.origin, ...(node.via ? { via: node.via } : {}) });
