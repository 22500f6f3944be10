import {
  INTENT_KINDS,
  INTENT_LABELS,
  type FixView,
  type SituationView,
  type WebviewToWizard,
  type WizardState,
  type WizardToWebview,
} from '../../protocol/wizard';
import { el, icon } from '../shared/dom';
import { connect } from '../shared/vscode-api';
import './wizard.css';

const app = document.getElementById('app') as HTMLElement;

const post = connect<WizardToWebview, WebviewToWizard>((message) => {
  if (message.type === 'state') render(message.state);
});

function render(state: WizardState): void {
  app.replaceChildren(el('h1', {}, icon('discard'), ' Undo my Git mistake'), ...page(state));
  app.querySelector<HTMLElement>('[data-autofocus]')?.focus();
}

function page(state: WizardState): Node[] {
  switch (state.page) {
    case 'loading':
      return [el('p', { class: 'muted' }, icon('loading codicon-modifier-spin'), ' Working out what happened…')];
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
  if (state.situations.length === 0) {
    return [
      header,
      el('p', {}, icon('pass'), ' Nothing detected: Shipshape found no git mistake here.'),
      actions(button('Check Again', 'refresh', { type: 'refresh' }, true)),
      somethingElse(),
    ];
  }
  return [
    header,
    el('h2', {}, 'What happened, most likely first'),
    el('ol', { class: 'situations' }, ...state.situations.map((situation, index) => situationCard(situation, index === 0))),
    actions(button('Check Again', 'refresh', { type: 'refresh' })),
    somethingElse(),
  ];
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
    situation.evidence.length ? el('details', {}, el('summary', {}, 'Evidence'), el('ul', {}, ...situation.evidence.map((line) => el('li', {}, line)))) : false,
    actions(...situation.fixes.map((fix, index) => button(`Review: ${fix.title}`, 'arrow-right', { type: 'selectFix', fixId: fix.id }, first && index === 0))),
  );
}

function fixPage(situation: SituationView, fix: FixView): Node[] {
  const commands = fix.commands.join('\n');
  const copy = button('Copy Commands', 'copy', undefined);
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(commands));
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
                  el('td', {}, el('code', {}, row.before)),
                  el('td', {}, el('code', {}, row.after)),
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
      el('p', { role: 'status' }, icon('history'), ` Undone: ${state.title}. Everything is as it was before the fix.`),
      actions(button('Back to Overview', 'arrow-left', { type: 'back' }, true)),
    ];
  }
  if (state.purged) {
    return [
      el('p', { role: 'status' }, icon('pass'), ` Done: ${state.title}. The secret was purged from this repository; rotate it if it was ever pushed.`),
      actions(button('Back to Overview', 'arrow-left', { type: 'back' }, true)),
    ];
  }
  return [
    el('p', { role: 'status' }, icon('pass'), ` Done: ${state.title}.`),
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
      button('Undo This Fix', 'discard', { type: 'undo', snapshotId: state.snapshotId }, true),
      ...(state.purgeable ? [button('Purge the Secret for Good', 'trash', { type: 'purge', snapshotId: state.snapshotId })] : []),
      button('Back to Overview', 'arrow-left', { type: 'back' }),
    ),
  ];
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
