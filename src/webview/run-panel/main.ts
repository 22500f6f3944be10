import type { AnnotationView, JobView, ProblemView, RunPanelState, RunPanelToWebview, SummaryView, WebviewToRunPanel } from '../../protocol/run-panel';
import { changeAnnouncements } from './announcements';
import { el, icon } from '../shared/dom';
import { connect } from '../shared/vscode-api';
import { fitGraph, graphOverflows, graphView, jobLabel, statusIcon } from './graph-view';
import { parseMarkdown } from './markdown';
import { blocks } from './markdown-view';
import { LogView, type LogStatus } from './log-view';
import { formatDuration, stepToShow } from './selection';
import '../shared/panel-base.css';
import './run-panel.css';

const app = document.getElementById('app') as HTMLElement;
const section = (name: string, label: string) => el('section', { class: name, 'aria-label': label });
const parts = {
  header: el('header', { class: 'run-header' }),
  graph: section('graph', 'Jobs'),
  notes: section('notes', 'Notes'),
  job: section('job', 'Selected job'),
  logBar: el('div', { class: 'log-bar' }),
  log: el('div', { class: 'log', role: 'log', tabindex: '0', 'aria-label': 'Step log' }),
  annotations: section('annotations', 'Annotations'),
  summaries: section('summaries', 'Summaries'),
  // The page is not a live region (a screen reader would read it all again on every change): this says what changed.
  announcer: el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }),
};
app.append(
  parts.announcer,
  parts.header,
  parts.graph,
  parts.notes,
  parts.job,
  el('section', { class: 'log-section', 'aria-label': 'Log' }, parts.logBar, parts.log),
  parts.annotations,
  parts.summaries,
);

let state: RunPanelState | undefined;
/** Whether the graph is scaled to the panel's width instead of scrolling sideways. */
let fitted = false;
const logView = new LogView(parts.log, renderLogBar);
const post = connect<RunPanelToWebview, WebviewToRunPanel>((message) => {
  if (message.type === 'state') render(message.state);
  else if (message.type === 'logReset') logView.reset(message);
  else if (message.type === 'log') logView.append(message);
});

/** Rebuilds a part only when its data changed, keeping focus on the element that had it. */
const drawn = new Map<HTMLElement, string>();
function draw(part: HTMLElement, data: unknown, build: () => (Node | false)[]): void {
  const key = JSON.stringify(data);
  if (drawn.get(part) === key) return;
  drawn.set(part, key);
  const focused = part.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.focus : undefined;
  part.replaceChildren(...build().filter((node): node is Node => node !== false));
  if (focused) [...part.querySelectorAll<HTMLElement>('[data-focus]')].find((element) => element.dataset.focus === focused)?.focus();
}

function button(label: string, iconName: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  const element = el('button', { type: 'button', class: 'secondary', ...attributes }, icon(iconName), ` ${label}`);
  element.addEventListener('click', onClick);
  return element;
}

function render(next: RunPanelState): void {
  const previous = state;
  state = next;
  const selectedJob = next.jobs.find((job) => job.key === next.selected?.jobKey);
  const finished = next.run.status !== 'running' && next.run.status !== 'queued';
  draw(parts.header, next.run, () => header(next));
  draw(parts.graph, [next.jobs, next.selected?.jobKey, fitted, finished, next.run.problems.length], () =>
    next.jobs.length
      ? [jobsHeading(), graphView(next.jobs, next.selected?.jobKey, selectJob)]
      : next.run.problems.length
        ? [] // the header lists why nothing ran
        : [el('h2', {}, 'Jobs'), el('p', { class: 'muted' }, finished ? 'No job ran.' : 'No jobs yet.')],
  );
  layoutGraph();
  draw(
    parts.notes,
    next.jobs.map((job) => [job.key, job.status, job.reason, job.warnings, job.limitations]),
    () => notes(next.jobs),
  );
  draw(parts.job, [selectedJob, next.selected, next.jobs.length > 0], () =>
    selectedJob
      ? jobDetails(selectedJob, next.selected?.stepIndex)
      : next.jobs.length
        ? [el('p', { class: 'hint' }, icon('info'), ' Select a job in the graph (click, or Enter) to see its steps and logs.')]
        : [],
  );
  draw(parts.annotations, next.annotations, () => annotations(next.annotations));
  draw(parts.summaries, next.summaries, () => summaries(next.summaries));
  parts.log.hidden = !next.selected;
  parts.logBar.hidden = !next.selected;
  if (!next.selected) logView.clear();
  const news = changeAnnouncements(previous, next);
  if (news.length) parts.announcer.textContent = news.join('. ');
}

function jobsHeading(): HTMLElement {
  const toggle = el(
    'button',
    {
      type: 'button',
      class: 'icon-button fit-toggle',
      'aria-pressed': String(fitted),
      'data-focus': 'fit',
      title: fitted ? 'Show the graph at its own size' : 'Fit the graph to the panel',
    },
    icon(fitted ? 'zoom-in' : 'screen-normal'),
    fitted ? ' Actual Size' : ' Fit',
  );
  toggle.addEventListener('click', () => {
    fitted = !fitted;
    if (state) render(state);
  });
  return el('h2', {}, 'Jobs', toggle);
}

/** Fits or unfits the graph, and offers Fit only while the graph is wider than the panel (or fitted). */
function layoutGraph(): void {
  const scroll = parts.graph.querySelector<HTMLElement>('.graph-scroll');
  fitGraph(scroll, fitted);
  const toggle = parts.graph.querySelector<HTMLElement>('.fit-toggle');
  if (toggle) toggle.hidden = !fitted && !graphOverflows(scroll);
}
new ResizeObserver(() => layoutGraph()).observe(parts.graph);

function header(next: RunPanelState): (Node | false)[] {
  const { run } = next;
  const time =
    run.durationMs !== undefined
      ? formatDuration(run.durationMs)
      : run.status === 'running'
        ? el('span', { class: 'elapsed', 'data-started': run.startedAt }, formatDuration(Math.max(0, Date.now() - Date.parse(run.startedAt))))
        : '';
  return [
    el('h1', {}, statusIcon(run.status), ` ${run.workflow}`),
    el('p', { class: 'meta' }, `${run.kind === 'plan' ? 'Plan' : run.status} · ${run.event} · ${run.ref}`, time ? ' · ' : '', time),
    run.problem
      ? el('p', { class: `problem${run.status === 'failure' ? ' failed' : ''}` }, icon(run.status === 'failure' ? 'error' : 'info'), ' ', run.problem)
      : false,
    run.problems.length ? el('ul', { class: 'problem-list', 'aria-label': 'Why the workflow cannot run' }, ...run.problems.map(problemItem)) : false,
    el(
      'div',
      { class: 'actions' },
      run.canCancel ? button('Cancel', 'debug-stop', () => post({ type: 'cancel' }), { 'data-focus': 'cancel' }) : false,
      run.canRerun ? button('Re-run', 'debug-restart', () => post({ type: 'rerun' }), { 'data-focus': 'rerun' }) : false,
    ),
  ];
}

/** One reason the workflow cannot run: its place opens the workflow file there. */
function problemItem(problem: ProblemView, index: number): HTMLElement {
  const message = el('span', { class: 'message' }, problem.message, problem.rule ? el('span', { class: 'rule' }, ` ${problem.rule}`) : false);
  if (!problem.location) return el('li', {}, icon('error'), message);
  const open = el('a', { href: '#', class: 'location', 'data-focus': `problem:${index}`, title: `Open ${problem.location}` }, problem.location);
  open.addEventListener('click', (event) => {
    event.preventDefault();
    post({ type: 'openProblem', index });
  });
  return el('li', {}, icon('error'), open, message);
}

function selectJob(job: JobView): void {
  post({ type: 'selectStep', jobKey: job.key, stepIndex: stepToShow(job) });
}

/** What the plan says will not happen, or not as on GitHub: skip reasons and "ignored locally". */
function notes(jobs: readonly JobView[]): Node[] {
  const items = jobs.flatMap((job) => [
    ...(job.status === 'skipped' && job.reason ? [el('li', {}, statusIcon('skipped'), ` ${jobLabel(job)}: ${job.reason}`)] : []),
    ...job.warnings.map((warning) => el('li', {}, statusIcon('warning'), ` ${jobLabel(job)}: ${warning}`)),
    ...job.limitations.map((limitation) => el('li', {}, icon('info'), ` ${jobLabel(job)}: ${limitation}`)),
  ]);
  return items.length ? [el('h2', {}, 'Notes'), el('ul', { class: 'notes-list' }, ...items)] : [];
}

function jobDetails(job: JobView, selectedStep: number | undefined): (Node | false)[] {
  const steps = job.steps.map((step) => {
    const current = step.index === selectedStep;
    const item = el(
      'button',
      {
        type: 'button',
        class: `step status-${step.status}${current ? ' selected' : ''}`,
        'data-focus': `step:${step.index}`,
        ...(current ? { 'aria-current': 'step' } : {}),
      },
      statusIcon(step.status),
      // Name and reason share the middle column: a long reason goes under the name, never beside it squeezing it.
      el(
        'span',
        { class: 'step-main' },
        el('span', { class: 'step-name' }, step.name),
        step.reason ? el('span', { class: 'step-reason' }, step.reason) : false,
      ),
      el('span', { class: 'step-time' }, formatDuration(step.status === 'skipped' ? undefined : step.durationMs)),
    );
    item.title = [step.name, step.status, step.reason].filter(Boolean).join('\n');
    item.addEventListener('click', () => post({ type: 'selectStep', jobKey: job.key, stepIndex: step.index }));
    return el('li', {}, item);
  });
  return [
    el(
      'h2',
      {},
      statusIcon(job.status),
      ` ${jobLabel(job)}`,
      el('span', { class: 'muted' }, ` ${[job.status, formatDuration(job.status === 'skipped' ? undefined : job.durationMs)].filter(Boolean).join(' · ')}`),
    ),
    job.reason ? el('p', { class: 'muted' }, job.reason) : false,
    ...job.warnings.map((warning) => el('p', { class: 'warning-note' }, icon('warning'), ` ${warning}`)),
    steps.length ? el('ol', { class: 'steps' }, ...steps) : el('p', { class: 'muted' }, 'This job has no steps.'),
  ];
}

/** What the log bar is built from besides its note; while only the note changes, the bar (and focus on its button) stays. */
let logBarShape = '';

function renderLogBar(status: LogStatus): void {
  const step = state?.jobs.find((job) => job.key === status.step?.jobKey)?.steps.find((candidate) => candidate.index === status.step?.stepIndex);
  const notes: string[] = [];
  if (status.total > status.shown)
    notes.push(`Showing the last ${status.shown.toLocaleString()} of ${status.total.toLocaleString()} lines; the full log is on disk.`);
  if (!status.live && status.total === 0) notes.push(step?.status === 'queued' ? 'The step has not started.' : 'No output.');
  const target = status.step;
  const hasFullLog = Boolean(target && (status.hasFile || status.total > status.shown));
  const shape = JSON.stringify([target?.jobKey, target?.stepIndex, step?.name, status.live, hasFullLog]);
  const note = parts.logBar.querySelector('.log-note');
  if (shape === logBarShape && note) {
    if (note.textContent !== notes.join(' ')) note.textContent = notes.join(' ');
    return;
  }
  logBarShape = shape;
  const full =
    target && hasFullLog
      ? [button('Open Full Log', 'go-to-file', () => post({ type: 'openFullLog', jobKey: target.jobKey, stepIndex: target.stepIndex }))]
      : [];
  parts.logBar.replaceChildren(
    el('h2', {}, icon('output'), ` ${step?.name ?? 'Log'}`, status.live ? el('span', { class: 'live' }, ' live') : ''),
    el('span', { class: 'log-note', role: 'status' }, notes.join(' ')),
    ...full,
  );
}

const LEVEL_ICONS = { error: 'error', warning: 'warning', notice: 'info' } as const;

function annotations(list: readonly AnnotationView[]): Node[] {
  if (!list.length) return [];
  const items = list.map((annotation, index) => {
    const content = [
      icon(LEVEL_ICONS[annotation.level]),
      el('span', { class: 'message' }, annotation.title ? `${annotation.title}: ${annotation.message}` : annotation.message),
      el('span', { class: 'location' }, [annotation.location, annotation.jobKey].filter(Boolean).join(' · ')),
    ];
    if (!annotation.location) return el('li', { class: `annotation level-${annotation.level}` }, ...content);
    const open = el(
      'button',
      { type: 'button', class: `annotation level-${annotation.level}`, 'data-focus': `annotation:${index}`, title: `Open ${annotation.location}` },
      ...content,
    );
    open.addEventListener('click', () => post({ type: 'openAnnotation', index }));
    return el('li', {}, open);
  });
  return [el('h2', {}, `Annotations (${list.length})`), el('ul', { class: 'annotation-list' }, ...items)];
}

function summaries(list: readonly SummaryView[]): Node[] {
  if (!list.length) return [];
  return [
    el('h2', {}, 'Summaries'),
    ...list.map((summary) =>
      el(
        'article',
        { class: 'summary' },
        el('h3', {}, summary.jobName === summary.jobKey ? summary.jobKey : `${summary.jobName} (${summary.jobKey})`),
        ...blocks(parseMarkdown(summary.markdown)),
        summary.truncated ? el('p', { class: 'muted' }, 'The summary is longer than the panel shows.') : false,
      ),
    ),
  ];
}

// The elapsed time of a running run, ticking without a round trip to the host.
setInterval(() => {
  const elapsed = parts.header.querySelector<HTMLElement>('.elapsed');
  const started = Date.parse(elapsed?.dataset.started ?? '');
  if (elapsed && Number.isFinite(started)) elapsed.textContent = formatDuration(Math.max(0, Date.now() - started));
}, 1000);
