// The selected step's log in the DOM: ANSI colours as classes, ::group::s as <details>, line
// numbers, auto-scroll while at the bottom, and at most MAX_LINES lines kept in the page.
import { linesAfterAppend, LOG_VIEW_LINES as MAX_LINES, type LogLine, type RunPanelToWebview, type StepRef } from '../../protocol/run-panel';
import { el } from '../shared/dom';
import { parseAnsi } from './ansi';
import { LogGrouper, type LineKind } from './log-groups';

type LogMessage = Extract<RunPanelToWebview, { type: 'log' | 'logReset' }>;
interface Numbered {
  readonly line: LogLine;
  readonly number: number;
}

/** Styled text of a line: plain runs as text nodes, styled ones as spans with classes and computed colours. */
export function styledText(text: string): Node[] {
  return parseAnsi(text).map((segment) => {
    if (!segment.classes.length && !segment.color && !segment.background) return document.createTextNode(segment.text);
    const span = el('span', { class: segment.classes.join(' ') }, segment.text);
    if (segment.color) span.style.color = segment.color; // CSSOM, allowed by the CSP; values are "#rrggbb" made from numbers
    if (segment.background) span.style.backgroundColor = segment.background;
    return span;
  });
}

export interface LogStatus {
  readonly step: StepRef | undefined;
  readonly shown: number;
  readonly total: number;
  readonly live: boolean;
  readonly hasFile: boolean;
}

export class LogView {
  private entries: Numbered[] = [];
  private grouper = new LogGrouper();
  private stack: HTMLElement[] = [];
  private status: LogStatus = { step: undefined, shown: 0, total: 0, live: false, hasFile: false };

  constructor(
    readonly body: HTMLElement,
    private readonly onStatus: (status: LogStatus) => void,
  ) {}

  /** A new selection: everything shown is replaced. */
  reset(message: Extract<LogMessage, { type: 'logReset' }>): void {
    const first = message.total - message.lines.length + 1;
    this.entries = message.lines.slice(-MAX_LINES).map((line, offset) => ({ line, number: first + Math.max(0, message.lines.length - MAX_LINES) + offset }));
    this.status = { step: message.step, shown: 0, total: message.total, live: message.live, hasFile: message.hasFile };
    this.rebuild();
    this.body.scrollTop = this.body.scrollHeight;
  }

  /** More lines of the selected step. */
  append(message: Extract<LogMessage, { type: 'log' }>): void {
    const { step } = this.status;
    if (!step || step.jobKey !== message.step.jobKey || step.stepIndex !== message.step.stepIndex) return;
    const atBottom = this.body.scrollHeight - this.body.scrollTop - this.body.clientHeight < 8;
    const first = message.total - message.lines.length + 1;
    const added = message.lines.map((line, offset) => ({ line, number: first + offset }));
    const kept = linesAfterAppend(this.entries.length, added.length);
    this.entries.push(...added);
    this.status = { ...this.status, total: message.total, live: message.live, hasFile: this.status.hasFile || !message.live };
    if (kept < this.entries.length) {
      this.entries = this.entries.slice(-kept);
      this.rebuild();
    } else {
      for (const entry of added) this.render(entry);
      this.report();
    }
    if (!message.live) this.closeAutoOpened();
    if (atBottom) this.body.scrollTop = this.body.scrollHeight;
  }

  clear(): void {
    this.entries = [];
    this.status = { step: undefined, shown: 0, total: 0, live: false, hasFile: false };
    this.rebuild();
  }

  private rebuild(): void {
    this.body.replaceChildren();
    this.grouper = new LogGrouper();
    this.stack = [this.body];
    for (const entry of this.entries) this.render(entry);
    this.report();
  }

  private report(): void {
    this.status = { ...this.status, shown: this.entries.length };
    this.onStatus(this.status);
  }

  private render({ line, number }: Numbered): void {
    for (const op of this.grouper.push(line, number)) {
      const into = this.stack[this.stack.length - 1] ?? this.body;
      if (op.op === 'open') {
        const summary = el(
          'summary',
          {},
          el('span', { class: 'ln', 'aria-hidden': 'true' }, String(op.number)),
          el('span', { class: 'text' }, ...styledText(op.title)),
        );
        const content = el('div', { class: 'group-body' });
        const details = el('details', { class: 'group' }, summary, content);
        if (this.status.live) {
          details.open = true; // the group a live step is in shows; it folds when it ends, unless the user touched it
          details.dataset.auto = '1';
          summary.addEventListener('click', () => delete details.dataset.auto);
        }
        into.append(details);
        this.stack.push(content);
      } else if (op.op === 'close') {
        const content = this.stack.length > 1 ? this.stack.pop() : undefined;
        const details = content?.parentElement;
        if (details instanceof HTMLDetailsElement && details.dataset.auto) {
          details.open = false;
          delete details.dataset.auto;
        }
      } else {
        into.append(lineElement(op.number, op.text, op.stream, op.kind));
      }
    }
  }

  private closeAutoOpened(): void {
    for (const details of this.body.querySelectorAll<HTMLDetailsElement>('details[data-auto]')) {
      details.open = false;
      delete details.dataset.auto;
    }
  }
}

function lineElement(number: number, text: string, stream: LogLine['stream'], kind: LineKind | undefined): HTMLElement {
  const classes = ['line', `stream-${stream}`, ...(kind ? [`kind-${kind}`] : [])].join(' ');
  return el('div', { class: classes }, el('span', { class: 'ln', 'aria-hidden': 'true' }, String(number)), el('span', { class: 'text' }, ...styledText(text)));
}
