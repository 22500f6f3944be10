import { hasType, type ReadyMessage } from './messages';

/** What the "Undo my Git mistake" panel shows; plain data, rendered by the webview. */
export type WizardState =
  | { readonly page: 'loading' }
  | { readonly page: 'error'; readonly message: string }
  | {
      readonly page: 'overview';
      readonly repository: string;
      readonly branch: string | undefined;
      readonly headSubject: string | undefined;
      readonly upstream: string | undefined;
      readonly ahead: number;
      readonly behind: number;
      readonly changedFiles: number;
      readonly stashCount: number;
      readonly inProgress: string | undefined;
    };

export type WizardToWebview = { readonly type: 'state'; readonly state: WizardState };

export type WebviewToWizard = ReadyMessage | { readonly type: 'refresh' } | { readonly type: 'showLog' };

const INBOUND_TYPES: ReadonlySet<string> = new Set(['ready', 'refresh', 'showLog']);

/** Validates a message from the wizard webview; anything else is dropped. */
export function isWebviewToWizard(value: unknown): value is WebviewToWizard {
  return hasType(value) && INBOUND_TYPES.has(value.type) && Object.keys(value).length === 1;
}
