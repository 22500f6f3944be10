import * as vscode from 'vscode';
import { planPurge } from '../../core/recovery/safety';
import { describeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { isWebviewToWizard, type IntentKind, type WebviewToWizard, type WizardState, type WizardToWebview } from '../../protocol/wizard';
import { askIntent } from '../recovery/intents-ui';
import { undoConfirmingLaterChanges } from '../recovery/undo-with-confirmation';
import type { Situation } from '../../core/recovery/model';
import { Commands, WebviewPanels } from '../constants';
import { requireTrust, type RecoveryModel } from '../recovery/recovery-model';
import { fixView, headNow, needsConfirmation, repositoryView, situationView } from '../recovery/wizard-views';
import { WebviewPanelHost } from './webview-panel-host';
import { executeCommand } from '../command-map';
import { join } from 'node:path';
import { createGit } from '../../core/git/git';
import { resolveCommit } from '../../core/recovery/commit-actions';
import { nextStepAfter, type NextStep } from '../../core/recovery/next-step';
import { openCommits } from '../recovery/commit-documents';
import { deepScanWithProgress } from '../recovery/deep-scan';

/** The "Undo my Git mistake" panel: one instance, revealed again when reopened, on one repository at a time. */
export class RecoveryWizardPanel extends WebviewPanelHost<WebviewToWizard, WizardToWebview> {
  private static current: RecoveryWizardPanel | undefined;
  private state: WizardState = { page: 'loading' };
  /** The step the applied page offers (its label is in the state; what it does stays here). */
  private nextStep: NextStep | undefined;
  /** What this wizard's last deep scan found, in a sentence. */
  private deepScanResult: string | undefined;

  /** Opens (or reveals) the wizard on `model`'s repository; with a fix id, on that fix's page. */
  static show(extensionUri: vscode.Uri, logger: Logger, model: RecoveryModel, fixId?: string): RecoveryWizardPanel {
    const panel = RecoveryWizardPanel.current ?? new RecoveryWizardPanel(extensionUri, logger, model);
    panel.model = model; // the open wizard moves to the repository asked for
    RecoveryWizardPanel.current = panel;
    panel.reveal();
    void (fixId ? panel.refresh().then(() => panel.showFix(fixId)) : panel.refresh());
    return panel;
  }

  private constructor(
    extensionUri: vscode.Uri,
    logger: Logger,
    private model: RecoveryModel,
  ) {
    super(extensionUri, { viewType: WebviewPanels.recoveryWizard, title: 'Undo My Git Mistake', bundle: 'wizard', isInbound: isWebviewToWizard }, logger);
  }

  /** The page shown now (for tests and for the tree's commands). */
  get page(): WizardState {
    return this.state;
  }

  protected async onMessage(message: WebviewToWizard): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.render(this.state);
        return;
      case 'refresh':
      case 'back':
        await this.refresh();
        return;
      case 'showLog':
        await executeCommand(Commands.showLog);
        return;
      case 'selectFix':
        this.showFix(message.fixId);
        return;
      case 'apply':
        await this.apply(message.fixId, true);
        return;
      case 'undo':
        await this.undo(message.snapshotId);
        return;
      case 'intent':
        await this.askIntent(message.intent);
        return;
      case 'purge':
        await this.purge(message.snapshotId);
        return;
      case 'copy':
        await this.copyCommands(message.fixId);
        return;
      case 'deepScan':
        await this.deepScan();
        return;
      case 'nextStep':
        await this.takeNextStep();
        return;
      case 'showCommit':
        await this.showCommit(message.sha);
        return;
    }
  }

  /** Copies a fix's commands, as the person would type them, and says so (status bar, button, screen reader). */
  async copyCommands(fixId: string): Promise<number> {
    const found = this.model.findFix(fixId);
    if (!found) return 0;
    const commands = fixView(found.fix).commands;
    await vscode.env.clipboard.writeText(commands.join('\n'));
    const copied = commands.length === 1 ? '1 git command' : `${commands.length} git commands`;
    vscode.window.setStatusBarMessage(`$(check) Copied ${copied}`, 3000);
    this.post({ type: 'copied', fixId, count: commands.length });
    return commands.length;
  }

  /** The deep scan from the wizard: the page waits, then shows everything with what the scan added. */
  async deepScan(): Promise<void> {
    this.render({ page: 'loading', message: 'Looking deeper: dropped stashes, staged changes lost to a reset, secrets in commits not yet pushed…' });
    try {
      const { result } = await deepScanWithProgress(this.model);
      this.deepScanResult = result;
      this.renderOverview();
    } catch (error) {
      this.render({ page: 'error', message: describeError(error) });
    }
  }

  /** Opens a commit the page names (evidence, before/after) as a read-only document. */
  async showCommit(id: string): Promise<void> {
    const sha = await resolveCommit(this.model.folder, id, this.model.options);
    if (sha) await openCommits(this.model.folder, [sha]);
    else void vscode.window.showInformationMessage(`There is no commit ${id} in this repository any more.`);
  }

  /** The step after a fix: switch to the branch it made, or open the file it brought back. */
  async takeNextStep(): Promise<void> {
    const state = this.state;
    const next = this.nextStep;
    if (state.page !== 'applied' || !next) return;
    try {
      if (next.kind === 'switch') {
        requireTrust(); // a switch runs the repository's post-checkout hook
        await createGit(this.model.folder, this.model.options).raw(['switch', next.branch]);
        await this.model.refresh();
        this.nextStep = undefined;
        this.render({ ...state, nextStep: undefined, nextStepDone: `Switched to ${next.branch}.` });
      } else {
        await vscode.window.showTextDocument(vscode.Uri.file(join(this.model.folder, next.path)), { preview: false });
      }
    } catch (error) {
      void vscode.window.showErrorMessage(`${next.label} failed: ${describeError(error)}`);
    }
  }

  async refresh(): Promise<void> {
    this.render({ page: 'loading' });
    await this.model.refresh();
    this.renderOverview();
  }

  private renderOverview(): void {
    const state = this.model.state;
    if (state.status === 'error') this.render({ page: 'error', message: state.message });
    else if (state.status === 'ready')
      this.render({
        page: 'overview',
        repository: repositoryView(state.summary),
        situations: state.situations.map((situation) => situationView(situation, headNow(state.summary))),
        // Findings outlive a refresh until a fix changes the repository; so does the sentence about them.
        deepScan: state.deepScannedAt === undefined ? undefined : (this.deepScanResult ?? 'The deep scan ran; its findings are listed with the rest.'),
      });
  }

  showFix(fixId: string): void {
    const found = this.model.findFix(fixId);
    const state = this.model.state;
    const head = headNow(state.status === 'ready' ? state.summary : undefined);
    if (found) this.render({ page: 'fix', situation: situationView(found.situation, head), fix: fixView(found.fix, head) });
  }

  /** Asks the intent's questions, then shows the plans made for it like a detected situation. */
  async askIntent(intent: IntentKind): Promise<void> {
    await this.showIntent(() => askIntent(intent, this.model));
  }

  /** Shows the situation a planner makes (undefined: the user backed out). */
  async showIntent(plan: () => Promise<Situation | undefined>): Promise<void> {
    try {
      const situation = await plan();
      if (!situation) return;
      const state = this.model.state;
      const repository =
        state.status === 'ready' ? repositoryView(state.summary) : { path: this.model.folder, branch: undefined, upstream: undefined, ahead: 0, behind: 0 };
      this.render({ page: 'overview', repository, situations: [situationView(situation)], deepScan: undefined });
    } catch (error) {
      this.render({ page: 'error', message: describeError(error) });
    }
  }

  /** Applies a fix the model offered; asks first when it moves a branch or touches files. */
  async apply(fixId: string, confirm: boolean): Promise<string | undefined> {
    const found = this.model.findFix(fixId);
    if (!found || found.fix.refusal) return undefined;
    try {
      requireTrust(); // before asking: in Restricted Mode the answer could not be acted on
    } catch (error) {
      this.render({ page: 'error', message: describeError(error) });
      return undefined;
    }
    if (confirm && needsConfirmation(found.fix)) {
      const choice = await vscode.window.showWarningMessage(
        found.fix.title,
        { modal: true, detail: `${found.fix.effect}\n\nShipshape takes a safety snapshot first; Undo This Fix puts everything back.` },
        'Apply Fix',
      );
      if (choice !== 'Apply Fix') return undefined;
    }
    try {
      const before = this.model.state;
      const next = nextStepAfter(found.fix, before.status === 'ready' ? before.summary.branch : undefined);
      const snapshotId = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Applying: ${found.fix.title}` }, () =>
        this.model.apply(found.fix),
      );
      this.nextStep = next;
      this.render({
        page: 'applied',
        title: found.fix.title,
        snapshotId,
        undone: false,
        purgeable: found.situation.kind === 'risky-commit',
        purged: false,
        nextStep: next?.label,
      });
      return snapshotId;
    } catch (error) {
      this.render({ page: 'error', message: describeError(error) });
      return undefined;
    }
  }

  /** Purges a removed secret for good, after a confirmation that says what else goes. */
  async purge(snapshotId: string): Promise<void> {
    const state = this.state;
    if (state.page !== 'applied' || !state.purgeable || state.snapshotId !== snapshotId) return;
    let alsoGone: string;
    try {
      const plan = await planPurge(this.model.folder, snapshotId, this.model.options);
      const others = plan.casualties.map((casualty) =>
        casualty.kind === 'reflog'
          ? `the reflog entry ${casualty.selector} (${casualty.message})`
          : casualty.kind === 'snapshot'
            ? `the safety snapshot ${casualty.snapshot}${casualty.message ? ` of "${casualty.message}"` : ''} (it can no longer be undone)`
            : `the lost object ${casualty.sha.slice(0, 10)}`,
      );
      alsoGone =
        others.length === 0
          ? 'Nothing else is affected: dropped stashes, lost commits and reflog entries stay recoverable.'
          : `These hold part of it and go too: ${others.slice(0, 8).join('; ')}${others.length > 8 ? ` and ${others.length - 8} more` : ''}. Everything else stays recoverable.`;
    } catch (error) {
      this.render({ page: 'error', message: describeError(error) });
      return;
    }
    const choice = await vscode.window.showWarningMessage(
      'Purge the secret from the repository for good?',
      {
        modal: true,
        detail: `Deletes the safety snapshot that still holds it and the objects only the old commits hold. The fix can no longer be undone. ${alsoGone} If the secret was ever pushed, rotate it: purging here does not reach copies elsewhere.`,
      },
      'Purge',
    );
    if (choice !== 'Purge') return;
    try {
      await this.model.purgeSecret(snapshotId);
      this.render({ ...state, purgeable: false, purged: true });
    } catch (error) {
      this.render({ page: 'error', message: describeError(error) });
    }
  }

  async undo(snapshotId: string): Promise<void> {
    try {
      const title = await undoConfirmingLaterChanges(this.model, snapshotId);
      if (title === undefined) return; // declined: the page stays as it was
      this.nextStep = undefined;
      this.render({ page: 'applied', title, snapshotId, undone: true, purgeable: false, purged: false, nextStep: undefined });
    } catch (error) {
      this.render({ page: 'error', message: describeError(error) });
    }
  }

  private render(state: WizardState): void {
    this.state = state;
    this.post({ type: 'state', state });
  }

  /** The open wizard, if any. */
  static get instance(): RecoveryWizardPanel | undefined {
    return RecoveryWizardPanel.current;
  }

  protected override onDisposed(): void {
    if (RecoveryWizardPanel.current === this) RecoveryWizardPanel.current = undefined;
  }
}
