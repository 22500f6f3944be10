import {
  INTENT_KINDS,
  INTENT_LABELS,
  type EvidenceView,
  type FixView,
  type SituationView,
  type WebviewToWizard,
  type WizardState,
  type WizardToWebview,
} from '../../protocol/wizard';
import { el, icon } from '../shared/dom';
import { connect } from '../shared/vscode-api';
import { commitSegments } from './commit-text';
import '../shared/panel-base.css';
import './wizard.css';

const app = document.getElementById('app') as HTMLElement;
/** The only live region: a short sentence of what changed, not the whole page read again. */
const live = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
document.body.append(live);

const post = connect<WizardToWebview, WebviewToWizard>((message) => {
  if (message.type === 'state') render(message.state);
  else if (message.type === 'copied') showCopied(message.fixId, message.count);
});

function render(state: WizardState): void {
  // The heading says what the tab says.
  app.replaceChildren(el('h1', {}, icon('discard'), ' Undo My Git Mistake'), ...page(state));
  app.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  announce(summary(state));
}

function announce(text: string): void {
  // Cleared first, so the same sentence twice is read twice.
  live.textContent = '';
  window.setTimeout(() => (live.textContent = text), 50);
}

/** One sentence per page for screen readers; the page itself is not live. */
function summary(state: WizardState): string {
  switch (state.page) {
    case 'loading':
      return state.message ?? 'Working out what happened.';
    case 'error':
      return ''; // the page's role=alert says it
    case 'overview': {
      const n = state.situations.length;
      const found = n === 0 ? 'Nothing detected.' : `${n === 1 ? '1 possible mistake' : `${n} possible mistakes`} found, most likely first.`;
      return state.deepScan ? `${found} ${state.deepScan}` : found;
    }
    case 'fix':
      return `Fix: ${state.fix.title}.`;
    case 'applied':
      return state.nextStepDone ?? (state.undone ? `Undone: ${state.title}.` : `Done: ${state.title}.`);
  }
}

function page(state: WizardState): Node[] {
  switch (state.page) {
    case 'loading':
      return [el('p', { class: 'muted' }, icon('loading codicon-modifier-spin'), ` ${state.message ?? 'Working out what happened…'}`)];
    case 'error':
      return [
        el('p', { class: 'problem', role: 'alert' }, icon('error'), ' ', state.message),
        actions(button('Try Again', 'refresh', { type: 'refresh' }, true), button('Show Log', 'output', { type: 'showLog' })),
      ];
    case 'overview':
      return overview(state);
    case 'fix':
      return fixPage(state.situation, state.fix);
    case 'applied':
      return applied(state);
  }
}

function overview(state: Extract<WizardState, { page: 'overview' }>): Node[] {
  const { repository } = state;
  const where = repository.branch ? `on branch ${repository.branch}` : 'on a detached HEAD';
  const tracking = repository.upstream ? `, ${repository.ahead} ahead and ${repository.behind} behind ${repository.upstream}` : '';
  const header = el('p', { class: 'muted' }, 'Repository ', el('code', {}, repository.path), ` ${where}${tracking}.`);
  // Nothing found: looking deeper is the natural next move, so it leads.
  const deeper = deepScan(state.deepScan, state.situations.length === 0);
  if (state.situations.length === 0) {
    return [
      header,
      el('p', {}, icon('pass'), ' Nothing detected: Shipshape found no git mistake here.'),
      ...deeper.note,
      actions(...(deeper.button ? [deeper.button] : []), button('Check Again', 'refresh', { type: 'refresh' }, !deeper.button)),
      somethingElse(),
    ];
  }
  return [
    header,
    ...deeper.note,
    el('h2', {}, 'What happened, most likely first'),
    el('ol', { class: 'situations' }, ...state.situations.map((situation, index) => situationCard(situation, index === 0))),
    actions(button('Check Again', 'refresh', { type: 'refresh' }), ...(deeper.button ? [deeper.button] : [])),
    somethingElse(),
  ];
}

/** The deep scan: offered until it ran (it finds dropped stashes, staged work lost to a reset, secrets), then what it found. */
function deepScan(result: string | undefined, primary: boolean): { note: Node[]; button: HTMLButtonElement | undefined } {
  if (result) return { note: [el('p', { class: 'muted' }, icon('search-fuzzy'), ` ${result}`)], button: undefined };
  const look = button('Look Deeper (Deep Scan)', 'search-fuzzy', { type: 'deepScan' }, primary);
  look.title = 'Scans every object for dropped stashes, staged changes lost to a reset, and secrets or large files in commits not yet pushed.';
  return { note: [], button: look };
}

/** When nothing detected fits: the user says what they want, and gets plans the same way. */
function somethingElse(): HTMLElement {
  return el(
    'section',
    { class: 'something-else', 'aria-label': 'Something else' },
    el('h2', {}, 'Something else?'),
    actions(...INTENT_KINDS.map((intent) => button(INTENT_LABELS[intent], 'question', { type: 'intent', intent }))),
  );
}

function situationCard(situation: SituationView, first: boolean): HTMLElement {
  return el(
    'li',
    { class: 'card' },
    el('h3', {}, situation.title),
    el('p', {}, situation.explanation),
    situation.evidence.length ? el('details', {}, el('summary', {}, 'Evidence'), el('ul', {}, ...situation.evidence.map(evidenceLine))) : false,
    actions(...situation.fixes.map((fix, index) => button(`Review: ${fix.title}`, 'arrow-right', { type: 'selectFix', fixId: fix.id }, first && index === 0))),
  );
}

function evidenceLine(item: EvidenceView): HTMLElement {
  return el('li', {}, ...withCommits(item.text, item.sha));
}

/** Words with each commit id once, as a link that opens the commit (read-only) in the editor. */
function withCommits(text: string, sha?: string): Node[] {
  return commitSegments(text, sha).map((segment) => {
    if ('text' in segment) return document.createTextNode(segment.text);
    const link = el('a', { href: '#', class: 'commit', title: `Show commit ${segment.commit}` }, el('code', {}, segment.commit));
    link.addEventListener('click', (event) => {
      event.preventDefault();
      post({ type: 'showCommit', sha: segment.sha });
    });
    return link;
  });
}

function fixPage(situation: SituationView, fix: FixView): Node[] {
  const commands = fix.commands.join('\n');
  // The host copies (the webview's clipboard access is not guaranteed) and says so; the button shows it too.
  const copy = button('Copy Commands', 'copy', { type: 'copy', fixId: fix.id });
  copy.dataset.copy = fix.id;
  const apply = button('Apply Fix', 'check', { type: 'apply', fixId: fix.id }, !fix.refusal);
  if (fix.refusal) apply.setAttribute('disabled', '');
  return [
    el('h2', {}, fix.title),
    el('p', {}, situation.explanation),
    el('h3', {}, 'What it does'),
    el('p', {}, fix.effect),
    ...(fix.picture.length
      ? [
          el('h3', {}, 'Before and after'),
          el(
            'table',
            { class: 'picture' },
            el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Branch'), el('th', { scope: 'col' }, 'Before'), el('th', { scope: 'col' }, 'After'))),
            el(
              'tbody',
              {},
              ...fix.picture.map((row) =>
                el(
                  'tr',
                  {},
                  el('td', {}, icon('git-branch'), ` ${row.ref}`),
                  el('td', {}, ...withCommits(row.before)),
                  el('td', {}, ...withCommits(row.after)),
                ),
              ),
            ),
          ),
        ]
      : []),
    el('h3', {}, 'The exact commands'),
    el('pre', { class: 'commands', tabindex: '0', 'aria-label': 'git commands' }, commands),
    fix.risks.length
      ? el('div', {}, el('h3', {}, 'Risks'), el('ul', {}, ...fix.risks.map((risk) => el('li', {}, risk))))
      : el('p', { class: 'muted' }, icon('shield'), ' Nothing is at risk: a safety snapshot is taken first, and the fix can be undone.'),
    ...(fix.refusal ? [el('p', { class: 'problem', role: 'alert' }, icon('warning'), ' Not now: ', fix.refusal)] : []),
    actions(apply, copy, button('Back', 'arrow-left', { type: 'back' }, !!fix.refusal)),
  ];
}

function applied(state: Extract<WizardState, { page: 'applied' }>): Node[] {
  if (state.undone) {
    return [
      el('p', {}, icon('history'), ` Undone: ${state.title}. Everything is as it was before the fix.`),
      actions(button('Back to Overview', 'arrow-left', { type: 'back' }, true)),
    ];
  }
  if (state.purged) {
    return [
      el('p', {}, icon('pass'), ` Done: ${state.title}. The secret was purged from this repository; rotate it if it was ever pushed.`),
      actions(button('Back to Overview', 'arrow-left', { type: 'back' }, true)),
    ];
  }
  const next = state.nextStep ? button(state.nextStep, 'arrow-right', { type: 'nextStep' }, true) : undefined;
  return [
    el('p', {}, icon('pass'), ` Done: ${state.title}.`),
    ...(state.nextStepDone ? [el('p', {}, icon('check'), ` ${state.nextStepDone}`)] : []),
    el(
      'p',
      { class: 'muted' },
      'A safety snapshot was taken first (',
      el('code', {}, state.snapshotId),
      '). Undo puts branches, staged changes and files back exactly.',
    ),
    ...(state.purgeable
      ? [el('p', { class: 'problem' }, icon('shield'), ' That snapshot still holds the secret. Purge it when you no longer need to undo this fix.')]
      : []),
    actions(
      ...(next ? [next] : []),
      button('Undo This Fix', 'discard', { type: 'undo', snapshotId: state.snapshotId }, !next),
      ...(state.purgeable ? [button('Purge the Secret for Good', 'trash', { type: 'purge', snapshotId: state.snapshotId })] : []),
      button('Back to Overview', 'arrow-left', { type: 'back' }),
    ),
  ];
}

/** "Copied" on the button for a moment, in the status bar (the host) and for screen readers. */
function showCopied(fixId: string, count: number): void {
  const copy = app.querySelector<HTMLButtonElement>(`button[data-copy="${CSS.escape(fixId)}"]`);
  announce(`Copied ${count === 1 ? '1 command' : `${count} commands`} to the clipboard.`);
  if (!copy) return;
  const label = Array.from(copy.childNodes);
  copy.replaceChildren(icon('check'), ' Copied');
  copy.classList.add('copied');
  window.setTimeout(() => {
    copy.replaceChildren(...label);
    copy.classList.remove('copied');
  }, 2000);
}

function actions(...buttons: HTMLElement[]): HTMLElement {
  return el('div', { class: 'actions' }, ...buttons);
}

function button(label: string, iconName: string, intent: WebviewToWizard | undefined, primary = false): HTMLButtonElement {
  const attributes: Record<string, string> = { type: 'button', class: primary ? 'primary' : 'secondary' };
  if (primary) attributes['data-autofocus'] = '';
  const element = el('button', attributes, icon(iconName), ` ${label}`);
  if (intent) element.addEventListener('click', () => post(intent));
  return element;
}
