import * as vscode from 'vscode';
import { Commands } from '../constants';
import { preflightStatusLook } from '../views/preflight-item-model';
import type { PreflightModel } from './preflight-model';

const BACKGROUNDS = { block: 'statusBarItem.errorBackground', warn: 'statusBarItem.warningBackground' } as const;

/** The status bar item: the verdict of the current repository's push ("Preflight: 2 to fix", "Ready to push"); a click opens the Preflight view. */
export class PreflightStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('shipshape.preflight', vscode.StatusBarAlignment.Left, 40);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: PreflightModel) {
    this.item.name = 'Shipshape Preflight';
    this.item.command = Commands.checkBeforePush;
    this.subscription = model.onDidChange(() => this.update());
    this.update();
  }

  /** What it shows now (test mode reads it). */
  get shown(): { readonly visible: boolean; readonly text: string; readonly tooltip: string } {
    const look = preflightStatusLook(this.model.state);
    return { visible: look.visible, text: look.text, tooltip: look.tooltip };
  }

  private update(): void {
    const look = preflightStatusLook(this.model.state);
    this.item.text = look.text;
    this.item.tooltip = look.tooltip;
    this.item.accessibilityInformation = { label: look.text.replace(/\$\([^)]*\)\s*/g, '') };
    const background = look.verdict === 'block' || look.verdict === 'warn' ? BACKGROUNDS[look.verdict] : undefined;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    if (look.visible) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
