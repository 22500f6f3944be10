import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../../core/pipelines/finding';

export const DIAGNOSTIC_SOURCE = 'shipshape';

/** 1-based core ranges to VS Code's 0-based ones. */
export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

const SEVERITIES: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A diagnostic whose code links to the rule's documentation; `asHint` when the user's setting shows the rule as a hint. */
export function toDiagnostic(finding: Finding, rulesDoc: vscode.Uri, asHint = false): vscode.Diagnostic {
  const severity = asHint ? vscode.DiagnosticSeverity.Hint : SEVERITIES[finding.severity];
  const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), finding.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.rule, target: rulesDoc.with({ fragment: finding.rule }) };
  // E.g. the `template:` lines an Azure template was included through.
  if (finding.related?.length)
    diagnostic.relatedInformation = finding.related.map(
      (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(related.path), toVscodeRange(related.range)), related.message),
    );
  return diagnostic;
}
