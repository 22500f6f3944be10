/**
 * One Azure file expanded, as `shipshape expand` prints it and the editor's "Show Expanded
 * Pipeline" shows it: its role read from its keys (a template on its own takes its parameters as
 * unknown), templates expanded, the checks run. Pure: files are read through `read`.
 */
import { relative } from 'node:path';
import { printable } from '../../printable';
import type { AzureCheckFinding } from './checks/graph';
import { azureRole } from './roles';
import type { ExpandRequest } from './templates/expand';
import { printExpanded } from './templates/print';
import { parseTemplateFile } from './templates/tree';
import { validateAzurePipeline } from './validate-azure';

export interface ExpandedFile {
  /** The expanded YAML (empty when the file holds nothing). */
  readonly yaml: string;
  readonly findings: readonly AzureCheckFinding[];
  /** The errors the expansion itself met (a template not found, a parameter, an expression): what it is incomplete for. */
  readonly expansionErrors: readonly AzureCheckFinding[];
  /** Every file read, the entry first: a change to one changes the expansion. */
  readonly files: readonly string[];
}

export function expandAzureFile(request: Omit<ExpandRequest, 'template'>): ExpandedFile {
  const role = azureRole(parseTemplateFile(request.file, request.read(request.file) ?? '').root);
  const { expansion, findings } = validateAzurePipeline({ ...request, template: role !== 'pipeline' });
  const expansionErrors = expansion.problems.filter((problem) => problem.severity === 'error');
  return { yaml: printExpanded(expansion.root), findings, expansionErrors, files: expansion.files };
}

/** 1-based `line:column` of an offset. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

/** `path:line:column: severity: message [rule]`, the path relative to `from`, as the CLI prints a finding (Azure's and GitLab's). */
export function findingLine(
  finding: Pick<AzureCheckFinding, 'rule' | 'severity' | 'message' | 'origin'>,
  from: string,
  read: (file: string) => string | undefined,
): string {
  const where = `${relative(from, finding.origin.file).split('\\').join('/')}:${lineAndColumn(read(finding.origin.file) ?? '', finding.origin.start)}`;
  return printable(`${where}: ${finding.severity}: ${finding.message} [${finding.rule}]`);
}

/**
 * The read-only document the editor shows: a comment saying what it is and, when the expansion
 * met errors, each of them (so the reader knows why it is incomplete), then the YAML. The checks'
 * findings on the result (a `dependsOn` naming nothing) are the Problems view's, not said here.
 */
export function expandedDocumentText(file: string, root: string, expanded: ExpandedFile, read: (file: string) => string | undefined): string {
  const name = relative(root, file).split('\\').join('/');
  const header = [`# ${name} expanded by Shipshape (read-only):`, '# templates and ${{ }} compiled offline as Azure DevOps does.'];
  const errors = expanded.expansionErrors;
  if (errors.length) {
    header.push(`# Not expanded completely: ${errors.length} error${errors.length > 1 ? 's' : ''} in the way.`);
    for (const error of errors) header.push(`#   ${findingLine(error, root, read).replace(/\n/g, ' ')}`);
  }
  return `${header.join('\n')}\n${expanded.yaml || '# (nothing to expand)\n'}`;
}
