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

/** One line of evidence: its words, and the commit it is about (linked, and named once even when the words hold its id). */
export interface EvidenceView {
  readonly text: string;
  readonly sha?: string;
}

export interface SituationView {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly explanation: string;
  readonly evidence: readonly EvidenceView[];
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

/** Button labels: title case, as VS Code's buttons and commands. */
export const INTENT_LABELS: Readonly<Record<IntentKind, string>> = {
  'undo-commit': 'Undo a Commit',
  'restore-file': 'Restore a Deleted File',
  reword: 'Change the Last Commit Message',
  'move-to-branch': 'Move the Last Commits to a New Branch',
  discard: 'Discard Local Changes Safely',
  'start-over': 'Start Over From the Remote',
};

/** What the "Undo my Git mistake" panel shows; plain data, rendered by the webview. */
export type WizardState =
  | { readonly page: 'loading'; readonly message?: string }
  | { readonly page: 'error'; readonly message: string }
  | {
      readonly page: 'overview';
      readonly repository: RepositoryView;
      readonly situations: readonly SituationView[];
      /** What the last deep scan found, in a sentence; undefined until one ran (the page offers it). */
      readonly deepScan: string | undefined;
    }
  | { readonly page: 'fix'; readonly situation: SituationView; readonly fix: FixView }
  | {
      readonly page: 'applied';
      readonly title: string;
      readonly snapshotId: string;
      readonly undone: boolean;
      /** The fix took a secret out: offer to purge it (and the snapshot holding it) for good. */
      readonly purgeable: boolean;
      readonly purged: boolean;
      /** What to do next ("Switch to add-search-endpoint"), offered as a button; undefined when nothing. */
      readonly nextStep: string | undefined;
      /** What the next step did, once taken. */
      readonly nextStepDone?: string;
    };

export type WizardToWebview =
  { readonly type: 'state'; readonly state: WizardState } | { readonly type: 'copied'; readonly fixId: string; readonly count: number };

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
  | { readonly type: 'purge'; readonly snapshotId: string }
  | { readonly type: 'copy'; readonly fixId: string }
  | { readonly type: 'deepScan' }
  | { readonly type: 'nextStep' }
  | { readonly type: 'showCommit'; readonly sha: string };

const BARE = new Set(['ready', 'refresh', 'showLog', 'back', 'deepScan', 'nextStep']);
const ID = /^[\w.-]{1,80}$/;

/** Validates a message from the wizard webview; anything else is dropped. */
export function isWebviewToWizard(value: unknown): value is WebviewToWizard {
  if (!hasType(value)) return false;
  const keys = Object.keys(value);
  if (BARE.has(value.type)) return keys.length === 1;
  const record = value as Record<string, unknown>;
  if (value.type === 'showCommit') return keys.length === 2 && typeof record.sha === 'string' && /^[0-9a-f]{7,64}$/.test(record.sha);
  if (value.type === 'selectFix' || value.type === 'apply' || value.type === 'copy')
    return keys.length === 2 && typeof record.fixId === 'string' && ID.test(record.fixId);
  if (value.type === 'undo' || value.type === 'purge') return keys.length === 2 && typeof record.snapshotId === 'string' && ID.test(record.snapshotId);
  if (value.type === 'intent') return keys.length === 2 && (INTENT_KINDS as readonly unknown[]).includes(record.intent);
  return false;
}
