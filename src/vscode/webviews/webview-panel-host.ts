import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { errorMessage } from '../../core/errors';

export interface PanelOptions<In> {
  readonly viewType: string;
  readonly title: string;
  /** The bundle name under dist/webview (src/webview/<name>/main.ts). */
  readonly bundle: string;
  /** Validates every inbound message; anything it rejects is logged and dropped. */
  readonly isInbound: (value: unknown) => value is In;
  /** Beside the active editor without taking focus (a run's panel next to its workflow), or in its place. */
  readonly placement?: 'active' | 'beside';
  /** The panel announces its own changes in a small live region; without it the whole page is polite-live. */
  readonly announcesChanges?: boolean;
}

/**
 * The base of every Shipshape webview panel: a strict CSP with a fresh
 * nonce, resources only from dist/webview, typed messages both ways, and a
 * ready handshake: nothing is posted before the webview says it listens.
 */
export abstract class WebviewPanelHost<In extends { type: string }, Out> implements vscode.Disposable {
  protected readonly panel: vscode.WebviewPanel;
  private ready = false;
  private pending: Out[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  protected constructor(
    extensionUri: vscode.Uri,
    private readonly options: PanelOptions<In>,
    protected readonly logger: Logger,
  ) {
    const assets = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    const column = options.placement === 'beside' ? { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true } : vscode.ViewColumn.Active;
    this.panel = vscode.window.createWebviewPanel(options.viewType, options.title, column, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [assets],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'shipshape-activity.svg');
    this.panel.webview.html = renderShell(this.panel.webview, assets, options);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Posts now if the webview is listening, else as soon as it says ready. */
  protected post(message: Out): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending.push(message);
  }

  protected abstract onMessage(message: In): void | Promise<void>;

  reveal(): void {
    this.panel.reveal(undefined, this.options.placement === 'beside');
  }

  private receive(message: unknown): void {
    if (!this.options.isInbound(message)) {
      this.logger.warn(`${this.options.viewType}: dropped an unexpected message from the webview`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      for (const queued of this.pending.splice(0)) void this.panel.webview.postMessage(queued);
    }
    Promise.resolve(this.onMessage(message)).catch((error: unknown) => this.logger.error(`${this.options.viewType}: ${errorMessage(error)}`));
  }

  private disposed = false;
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pending = [];
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
    this.onDisposed();
  }

  protected onDisposed(): void {}
}

function renderShell(webview: vscode.Webview, assets: vscode.Uri, options: PanelOptions<unknown>): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(assets, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicons', 'codicon.css')}" nonce="${nonce}">
<link rel="stylesheet" href="${asset(`${options.bundle}.css`)}" nonce="${nonce}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="app"${options.announcesChanges ? '' : ' aria-live="polite"'}></main>
<script nonce="${nonce}" src="${asset(`${options.bundle}.js`)}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
