import * as vscode from 'vscode';
import type { Finding, Fix } from '../../core/pipelines/finding';
import { DIAGNOSTIC_SOURCE, toVscodeRange } from './convert';
import type { PipelineDiagnostics } from './diagnostics';

/** Offers each finding's own fixes, and "suppress this rule here" for every Shipshape diagnostic. */
export class PipelineQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: PipelineDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.diagnostics.findingsFor(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = findings.find((candidate) => candidate.message === diagnostic.message && toVscodeRange(candidate.range).isEqual(diagnostic.range));
      if (!finding) continue;
      finding.fixes?.forEach((fix, index) => actions.push(this.fixAction(document, diagnostic, fix, index === 0)));
      actions.push(this.suppressAction(document, diagnostic, finding));
    }
    return actions;
  }

  private fixAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: Fix, preferred: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    const edit = new vscode.WorkspaceEdit();
    const target = fix.file ? vscode.Uri.file(fix.file) : document.uri;
    if (fix.createWith !== undefined) {
      edit.createFile(target, { ignoreIfExists: true, contents: Buffer.from(fix.createWith, 'utf8') });
    }
    for (const change of fix.edits) edit.replace(target, toVscodeRange(change.range), change.newText);
    action.edit = edit;
    return action;
  }

  private suppressAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding): vscode.CodeAction {
    const action = new vscode.CodeAction(`Suppress "${finding.rule}" on this line`, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    const line = document.lineAt(diagnostic.range.start.line);
    const edit = new vscode.WorkspaceEdit();
    const existing = /#\s*shipshape-ignore\b(.*)$/.exec(line.text);
    if (existing) edit.insert(document.uri, line.range.end, `, ${finding.rule}`);
    else if (line.text.includes('#')) {
      // The line already has a comment: put the directive on the line above, same indentation.
      const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
      edit.insert(document.uri, line.range.start, `${indent}# shipshape-ignore ${finding.rule}\n`);
    } else edit.insert(document.uri, line.range.end, ` # shipshape-ignore ${finding.rule}`);
    action.edit = edit;
    return action;
  }
}
