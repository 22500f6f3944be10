// The job graph: one focusable box per job leg, placed by layoutDag, with SVG connectors.
import type { JobView, PanelStatus } from '../../protocol/run-panel';
import { el, icon } from '../shared/dom';
import { layoutDag } from './dag-layout';
import { formatDuration } from './selection';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 38;
const COLUMN_GAP = 56;
const ROW_GAP = 14;
const SVG = 'http://www.w3.org/2000/svg';

export const STATUS_ICONS: Readonly<Record<PanelStatus, string>> = {
  queued: 'circle-large-outline',
  running: 'loading codicon-modifier-spin',
  success: 'pass-filled',
  warning: 'warning',
  failure: 'error',
  cancelled: 'stop-circle',
  skipped: 'circle-slash',
};

export function statusIcon(status: PanelStatus): HTMLElement {
  const element = icon(STATUS_ICONS[status]);
  element.classList.add(`status-${status}`);
  return element;
}

/** A leg's label: its key when that already says it (matrix legs), else the job's name. */
export function jobLabel(job: JobView): string {
  return job.name === job.key || job.key.startsWith(job.name) ? job.key : job.name;
}

function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element as SVGElement;
}

/** Draws the graph; onSelect gets the job a box was clicked (or Enter/Space) on. */
export function graphView(jobs: readonly JobView[], selectedKey: string | undefined, onSelect: (job: JobView) => void): HTMLElement {
  const layout = layoutDag(jobs);
  const byKey = new Map(jobs.map((job) => [job.key, job]));
  const x = (column: number) => column * (NODE_WIDTH + COLUMN_GAP);
  const y = (row: number) => row * (NODE_HEIGHT + ROW_GAP);
  const width = Math.max(0, x(layout.columns) - COLUMN_GAP);
  const height = Math.max(0, y(layout.rows) - ROW_GAP);
  const place = new Map(layout.nodes.map((node) => [node.key, node]));

  const edges = svg('svg', { class: 'edges', width, height, 'aria-hidden': 'true' });
  for (const edge of layout.edges) {
    const from = place.get(edge.from);
    const to = place.get(edge.to);
    if (!from || !to) continue;
    const [x1, y1, x2, y2] = [x(from.column) + NODE_WIDTH, y(from.row) + NODE_HEIGHT / 2, x(to.column), y(to.row) + NODE_HEIGHT / 2];
    const middle = (x1 + x2) / 2;
    const related = selectedKey !== undefined && (edge.from === selectedKey || edge.to === selectedKey);
    edges.append(
      svg('path', {
        d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`,
        class: `edge status-${byKey.get(edge.from)?.status ?? 'queued'}${related ? ' related' : ''}`,
      }),
    );
  }

  const canvas = el('div', { class: 'dag' }, edges);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  // Tab order follows the picture: column by column, top to bottom.
  const ordered = [...layout.nodes].sort((a, b) => a.column - b.column || a.row - b.row);
  for (const node of ordered) {
    const job = byKey.get(node.key);
    if (!job) continue;
    const label = jobLabel(job);
    const tooltip = [label === job.key ? job.key : `${job.name} (${job.key})`, job.status, job.reason, ...job.warnings, ...job.limitations]
      .filter(Boolean)
      .join('\n');
    const box = el(
      'button',
      {
        type: 'button',
        class: `node status-${job.status}${job.key === selectedKey ? ' selected' : ''}`,
        title: tooltip,
        'data-focus': `job:${job.key}`,
        'aria-pressed': String(job.key === selectedKey),
        'aria-label': `${label}: ${[job.status, ...job.warnings].join(', ')}`,
      },
      statusIcon(job.status),
      el('span', { class: 'node-name' }, label),
      el('span', { class: 'node-time' }, formatDuration(job.status === 'skipped' ? undefined : job.durationMs)),
      job.limitations.length ? icon('info') : false,
    );
    box.style.left = `${x(node.column)}px`;
    box.style.top = `${y(node.row)}px`;
    box.style.width = `${NODE_WIDTH}px`;
    box.style.height = `${NODE_HEIGHT}px`;
    box.addEventListener('click', () => onSelect(job));
    canvas.append(box);
  }
  // The canvas keeps its size; a sizer around it takes the scaled size when the graph is fitted to the width.
  const sizer = el('div', { class: 'dag-sizer' }, canvas);
  sizer.dataset.width = String(width);
  sizer.dataset.height = String(height);
  // Focusable, so the arrow keys scroll a graph wider than the panel.
  return el('div', { class: 'graph-scroll', role: 'group', tabindex: '0', 'aria-label': 'Job graph' }, sizer);
}

/** Scales the graph down to the panel's width (never up), or back to its own size. */
export function fitGraph(scroll: HTMLElement | null, fit: boolean): void {
  const sizer = scroll?.querySelector<HTMLElement>('.dag-sizer');
  const canvas = sizer?.querySelector<HTMLElement>('.dag');
  if (!scroll || !sizer || !canvas) return;
  const width = Number(sizer.dataset.width);
  const height = Number(sizer.dataset.height);
  const available = scroll.clientWidth - 8; // its padding
  const scale = fit && width > available && available > 0 ? available / width : 1;
  canvas.style.transform = scale === 1 ? '' : `scale(${scale})`;
  sizer.style.width = `${Math.floor(width * scale)}px`;
  sizer.style.height = `${Math.ceil(height * scale)}px`;
}

/** Whether the graph is wider than the panel shows. */
export const graphOverflows = (scroll: HTMLElement | null): boolean =>
  Boolean(scroll && Number(scroll.querySelector<HTMLElement>('.dag-sizer')?.dataset.width) > scroll.clientWidth - 8);
