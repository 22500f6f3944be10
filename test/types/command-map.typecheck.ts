// Checked by the typecheck tier, never run: each @ts-expect-error below must
// stay an error, so arguments that do not match a command's handler cannot compile.
import type * as vscode from 'vscode';
import type { Situation } from '../../src/core/recovery/model';

declare const commandFor: typeof import('../../src/vscode/command-map').commandFor;
declare const executeCommand: typeof import('../../src/vscode/command-map').executeCommand;
declare const uri: vscode.Uri;
declare const situation: Situation;

export function commandArguments(): void {
  commandFor('shipshape.runs.runJob', 'Run', uri, 'build');
  commandFor('shipshape.recovery.openFix', 'Review', 'fix-id', '/repo');
  void executeCommand('shipshape.recovery.showCommits', { situation });
  void executeCommand('shipshape.runs.plan');

  // @ts-expect-error -- a job id is a string
  commandFor('shipshape.runs.runJob', 'Run', uri, 42);
  // @ts-expect-error -- the workflow's URI comes first, not the job
  void executeCommand('shipshape.runs.plan', 'build');
  // @ts-expect-error -- the wizard needs the fix id
  commandFor('shipshape.recovery.openFix', 'Review');
  // @ts-expect-error -- Show Commits takes a situation, not its id
  void executeCommand('shipshape.recovery.showCommits', situation.id);
  // @ts-expect-error -- not a Shipshape command
  void executeCommand('shipshape.nothing');
}
