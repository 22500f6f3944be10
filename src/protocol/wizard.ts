import { hasType, type ReadyMessage } from './messages';

/** A fix as the wizard shows it: words and display commands, never something the webview can run. */
export interface FixView {
  readonly id: string;
  readonly title: string;
  readonly effect: string;
  readonly commands: readonly string[];
  readonly risks: readonly string[];
  readonly rewritesHistory: boolean;
  readonly refusal: string | undefined;
  /** Which branch ends up where: the small before/after picture. */
  readonly picture: readonly { readonly ref: string; readonly before: string; readonly after: string }[];
}

export interface SituationView {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly explanation: string;
  readonly evidence: readonly string[];
  readonly fixes: readonly FixView[];
}

export interface RepositoryView {
  readonly path: string;
  readonly branch: string | undefined;
  readonly upstream: string | undefined;
  readonly ahead: number;
  readonly behind: number;
}

/** The "something else" questions the wizard offers when nothing detected fits. */
export const INTENT_KINDS = ['undo-commit', 'restore-file', 'reword', 'move-to-branch', 'discard', 'start-over'] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

export const INTENT_LABELS: Readonly<Record<IntentKind, string>> = {
  'undo-commit': 'Undo a commit',
  'restore-file': 'Restore a deleted file',
  reword: 'Change the last commit message',
  'move-to-branch': 'Move the last commits to a new branch',
  discard: 'Discard local changes safely',
  'start-over': 'Start over from the remote',
};

/** What the "Undo my Git mistake" panel shows; plain data, rendered by the webview. */
export type WizardState =
  | { readonly page: 'loading' }
  | { readonly page: 'error'; readonly message: string }
  | { readonly page: 'overview'; readonly repository: RepositoryView; readonly situations: readonly SituationView[] }
  | { readonly page: 'fix'; readonly situation: SituationView; readonly fix: FixView }
  | {
      readonly page: 'applied';
      readonly title: string;
      readonly snapshotId: string;
      readonly undone: boolean;
      /** The fix took a secret out: offer to purge it (and the snapshot holding it) for good. */
      readonly purgeable: boolean;
      readonly purged: boolean;
    };

export type WizardToWebview = { readonly type: 'state'; readonly state: WizardState };

/** Intents carry ids the host issued; the host looks them up and never takes git arguments. */
export type WebviewToWizard =
  | ReadyMessage
  | { readonly type: 'refresh' }
  | { readonly type: 'showLog' }
  | { readonly type: 'back' }
  | { readonly type: 'selectFix'; readonly fixId: string }
  | { readonly type: 'apply'; readonly fixId: string }
  | { readonly type: 'undo'; readonly snapshotId: string }
  | { readonly type: 'intent'; readonly intent: IntentKind }
  | { readonly type: 'purge'; readonly snapshotId: string };

const BARE = new Set(['ready', 'refresh', 'showLog', 'back']);
const ID = /^[\w.-]{1,80}$/;

/** Validates a message from the wizard webview; anything else is dropped. */
export function isWebviewToWizard(value: unknown): value is WebviewToWizard {
  if (!hasType(value)) return false;
  const keys = Object.keys(value);
  if (BARE.has(value.type)) return keys.length === 1;
  const record = value as Record<string, unknown>;
  if (value.type === 'selectFix' || value.type === 'apply') return keys.length === 2 && typeof record.fixId === 'string' && ID.test(record.fixId);
  if (value.type === 'undo' || value.type === 'purge') return keys.length === 2 && typeof record.snapshotId === 'string' && ID.test(record.snapshotId);
  if (value.type === 'intent') return keys.length === 2 && (INTENT_KINDS as readonly unknown[]).includes(record.intent);
  return false;
}
