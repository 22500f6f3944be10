import type { WebviewToWizard, WizardState, WizardToWebview } from '../../protocol/wizard';
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
      return [el('p', { class: 'muted' }, icon('loading codicon-modifier-spin'), ' Reading the repository…')];
    case 'error':
      return [
        el('p', { class: 'problem', role: 'alert' }, icon('error'), ' ', state.message),
        actions(button('Try Again', 'refresh', 'refresh', true), button('Show Log', 'output', 'showLog')),
      ];
    case 'overview':
      return overview(state);
  }
}

function overview(state: Extract<WizardState, { page: 'overview' }>): Node[] {
  const where = state.branch ? `on branch ${state.branch}` : 'on a detached HEAD';
  const tracking = state.upstream ? `${state.ahead} ahead and ${state.behind} behind ${state.upstream}` : 'no upstream branch';
  return [
    el('p', {}, 'Repository ', el('code', {}, state.repository), ` ${where}.`),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'Last commit'),
      el('dd', {}, state.headSubject ?? 'none yet'),
      el('dt', {}, 'Upstream'),
      el('dd', {}, tracking),
      el('dt', {}, 'Changed files'),
      el('dd', {}, String(state.changedFiles)),
      el('dt', {}, 'Stash entries'),
      el('dd', {}, String(state.stashCount)),
      el('dt', {}, 'In progress'),
      el('dd', {}, state.inProgress ?? 'nothing'),
    ),
    el('p', { class: 'muted' }, 'Shipshape reads these facts to work out what happened before it suggests any fix. Nothing has been changed.'),
    actions(button('Refresh', 'refresh', 'refresh', true), button('Show Log', 'output', 'showLog')),
  ];
}

function actions(...buttons: HTMLElement[]): HTMLElement {
  return el('div', { class: 'actions' }, ...buttons);
}

function button(label: string, iconName: string, intent: 'refresh' | 'showLog', primary = false): HTMLElement {
  const attributes: Record<string, string> = { type: 'button', class: primary ? 'primary' : 'secondary' };
  if (primary) attributes['data-autofocus'] = '';
  const element = el('button', attributes, icon(iconName), ` ${label}`);
  element.addEventListener('click', () => post({ type: intent }));
  return element;
}
