/**
 * One GitLab CI file merged, as the editor's "Show Merged Configuration" shows it (and
 * `shipshape expand` prints it): includes, inputs, `extends` and `!reference` resolved. A file
 * named like `.gitlab-ci.yml` is a configuration; another is a fragment, whose unknown names may
 * be defined elsewhere. Pure: files are read through `read`, listed through `list`.
 */
import { relative } from 'node:path';
import { findingLine } from '../azure/expand-file';
import type { GitLabFinding } from './finding';
import { mergeGitLabConfig } from './merge';
import { printMerged } from './print';
import { isRootName } from './validate-gitlab-files';

export interface MergedFile {
  /** The merged YAML (empty when the file holds nothing). */
  readonly yaml: string;
  /** The errors the merge met (an include missing, an unknown base, a reference): what it is incomplete for. */
  readonly mergeErrors: readonly GitLabFinding[];
  /** Includes of other projects, remote files, templates, components: not read offline. */
  readonly notRead: readonly GitLabFinding[];
  /** Every file read, the entry first: a change to one changes the merge. */
  readonly files: readonly string[];
}

export function mergeGitLabFile(request: {
  readonly file: string;
  readonly repositoryRoot: string;
  readonly read: (file: string) => string | undefined;
  readonly list: () => readonly string[];
}): MergedFile {
  const merged = mergeGitLabConfig({ ...request, fragment: !isRootName(request.file) });
  return {
    yaml: printMerged(merged.root),
    mergeErrors: merged.problems.filter((problem) => problem.severity === 'error'),
    notRead: merged.problems.filter((problem) => problem.severity === 'info' && problem.rule === 'gitlab-include'),
    files: merged.files,
  };
}

/**
 * The read-only document the editor shows: a comment saying what it is, the errors that leave it
 * incomplete and the includes not read offline, then the YAML. The checks' findings on the result
 * (a `needs` naming nothing) are the Problems view's, not said here.
 */
export function mergedDocumentText(file: string, root: string, merged: MergedFile, read: (file: string) => string | undefined): string {
  const name = relative(root, file).split('\\').join('/');
  const header = [
    `# ${name} merged by Shipshape (read-only):`,
    '# include: local, inputs, extends and !reference resolved offline, as GitLab shows the full configuration.',
  ];
  const said = (finding: GitLabFinding): string => `#   ${findingLine(finding, root, read).replace(/\n/g, ' ')}`;
  const errors = merged.mergeErrors;
  if (errors.length) header.push(`# Not merged completely: ${errors.length} error${errors.length > 1 ? 's' : ''} in the way.`, ...errors.map(said));
  if (merged.notRead.length) header.push('# Not read offline:', ...merged.notRead.map(said));
  return `${header.join('\n')}\n${merged.yaml || '# (nothing to merge)\n'}`;
}
