import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { readRepoSummary } from '../../core/recovery/repo-summary';
import { isWebviewToWizard, type WebviewToWizard, type WizardState, type WizardToWebview } from '../../protocol/wizard';
import { Commands, Settings, WebviewPanels } from '../constants';
import { primaryFolder } from '../workspace';
import { WebviewPanelHost } from './webview-panel-host';

/** The "Undo my Git mistake" panel: one instance, revealed again when reopened. */
export class RecoveryWizardPanel extends WebviewPanelHost<WebviewToWizard, WizardToWebview> {
  private static current: RecoveryWizardPanel | undefined;

  static show(extensionUri: vscode.Uri, logger: Logger): RecoveryWizardPanel {
    if (RecoveryWizardPanel.current) {
      RecoveryWizardPanel.current.reveal();
      void RecoveryWizardPanel.current.load();
    } else {
      RecoveryWizardPanel.current = new RecoveryWizardPanel(extensionUri, logger);
    }
    return RecoveryWizardPanel.current;
  }

  private constructor(extensionUri: vscode.Uri, logger: Logger) {
    super(extensionUri, { viewType: WebviewPanels.recoveryWizard, title: 'Undo My Git Mistake', bundle: 'wizard', isInbound: isWebviewToWizard }, logger);
    void this.load();
  }

  protected async onMessage(message: WebviewToWizard): Promise<void> {
    if (message.type === 'refresh') await this.load();
    if (message.type === 'showLog') await vscode.commands.executeCommand(Commands.showLog);
  }

  /** Reads the repository and posts what the first page shows. */
  async load(): Promise<WizardState> {
    this.post({ type: 'state', state: { page: 'loading' } });
    const state = await readWizardState(this.logger);
    this.post({ type: 'state', state });
    return state;
  }

  protected override onDisposed(): void {
    if (RecoveryWizardPanel.current === this) RecoveryWizardPanel.current = undefined;
  }
}

async function readWizardState(logger: Logger): Promise<WizardState> {
  const folder = primaryFolder();
  if (!folder) return { page: 'error', message: 'Open a folder that is a Git repository to use the recovery wizard.' };
  try {
    const binary = vscode.workspace.getConfiguration().get<string>(Settings.gitPath);
    const summary = await readRepoSummary(folder.uri.fsPath, { binary });
    return {
      page: 'overview',
      repository: summary.root,
      branch: summary.branch,
      headSubject: summary.head?.subject,
      upstream: summary.upstream,
      ahead: summary.ahead,
      behind: summary.behind,
      changedFiles: summary.changedFiles,
      stashCount: summary.stashCount,
      inProgress: summary.inProgress,
    };
  } catch (error) {
    logger.warn(`Recovery wizard: ${describeError(error)}`);
    return { page: 'error', message: describeError(error) };
  }
}
