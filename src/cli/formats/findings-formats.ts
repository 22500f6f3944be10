import { printable } from '../../core/printable';
import { relative } from 'node:path';
import type { Finding } from '../../core/pipelines/finding';
import type { FileReport } from '../../core/pipelines/lint-paths';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];

interface Row {
  readonly file: string;
  readonly kind: FileReport['kind'];
  readonly finding: Finding;
}

const rows = (files: readonly FileReport[], cwd: string): Row[] =>
  files.flatMap((report) =>
    report.findings.map((finding) => ({ file: relative(cwd, report.path).split('\\').join('/') || report.path, kind: report.kind, finding })),
  );

/** `path:line:col: severity: message [rule]`, one per line. */
export function formatText(files: readonly FileReport[], cwd: string): string {
  return rows(files, cwd)
    .map(
      ({ file, finding }) =>
        `${printable(`${file}:${finding.range.start.line}:${finding.range.start.column}: ${finding.severity}: ${finding.message} [${finding.rule}]`)}\n`,
    )
    .join('');
}

/** An array of flat objects with 1-based positions. */
export function formatJson(files: readonly FileReport[], cwd: string): string {
  const items = rows(files, cwd).map(({ file, kind, finding }) => ({
    file,
    kind: kind ?? null,
    line: finding.range.start.line,
    column: finding.range.start.column,
    endLine: finding.range.end.line,
    endColumn: finding.range.end.column,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    ...(finding.related?.length
      ? {
          related: finding.related.map((related) => ({
            file: relative(cwd, related.path).split('\\').join('/') || related.path,
            line: related.range.start.line,
            column: related.range.start.column,
            message: related.message,
          })),
        }
      : {}),
  }));
  return `${JSON.stringify(items, null, 2)}\n`;
}

/** SARIF 2.1.0, as GitHub code scanning reads it. */
export function formatSarif(files: readonly FileReport[], cwd: string, version: string, ruleDescriptions: ReadonlyMap<string, string>): string {
  const all = rows(files, cwd);
  const ruleIds = [...new Set(all.map((row) => row.finding.rule))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            version,
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: ruleDescriptions.get(id) ?? id } })),
          },
        },
        results: all.map(({ file, finding }) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIds.indexOf(finding.rule),
          level: finding.severity === 'info' ? 'note' : finding.severity,
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: finding.range.start.line,
                  startColumn: finding.range.start.column,
                  endLine: finding.range.end.line,
                  endColumn: finding.range.end.column,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

// printable() first: no ESC reaches the log; a newline shows as \\n, never as a new command.
const escapeData = (text: string) => printable(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: annotations on the pull request's diff. */
export function formatGithub(files: readonly FileReport[], cwd: string): string {
  const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
  return rows(files, cwd)
    .map(({ file, finding }) => {
      const { start, end } = finding.range;
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(`shipshape ${finding.rule}`)}`,
      ];
      return `::${command[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}\n`;
    })
    .join('');
}
