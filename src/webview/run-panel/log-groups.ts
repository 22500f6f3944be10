// Folds a step's log lines into collapsible groups. The core keeps workflow command lines in the
// log as the step printed them (`::group::Title`, `::endgroup::`, or the older `##[group]Title`),
// so the groups are read back here, honouring `::stop-commands::` like the runner does.
import type { LogLine, LogStream } from '../../protocol/run-panel';

/** How a workflow command line is shown: annotations stand out, other commands are dimmed. */
export type LineKind = 'error' | 'warning' | 'notice' | 'debug' | 'command';

export type LogOp =
  | { readonly op: 'open'; readonly title: string; readonly number: number }
  | { readonly op: 'close' }
  | { readonly op: 'line'; readonly number: number; readonly text: string; readonly stream: LogStream; readonly kind?: LineKind };

export type LogNode =
  | { readonly kind: 'line'; readonly number: number; readonly text: string; readonly stream: LogStream; readonly lineKind?: LineKind }
  | { readonly kind: 'group'; readonly number: number; readonly title: string; readonly children: LogNode[]; closed: boolean };

const COMMANDS = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
]);
const LABELS: Readonly<Record<string, string>> = { error: 'Error: ', warning: 'Warning: ', notice: 'Notice: ', debug: 'Debug: ' };

interface Command {
  readonly name: string;
  readonly message: string;
}

/** `::name props::message` after leading blanks, or `##[name props]message` anywhere (as the runner reads them). */
export function commandOf(text: string, isName: (name: string) => boolean = (name) => COMMANDS.has(name)): Command | undefined {
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  const trimmed = line.trimStart();
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    const name = end < 0 ? '' : (trimmed.slice(2, end).split(' ')[0]?.toLowerCase() ?? '');
    if (end >= 0 && isName(name)) return { name, message: trimmed.slice(end + 2) };
  }
  const start = line.indexOf('##[');
  const close = start < 0 ? -1 : line.indexOf(']', start);
  const name =
    close < 0
      ? ''
      : (line
          .slice(start + 3, close)
          .split(' ')[0]
          ?.toLowerCase() ?? '');
  return close >= 0 && isName(name) ? { name, message: line.slice(close + 1) } : undefined;
}

/** Reads lines one at a time and says what to draw: open a group, close one, or a line. */
export class LogGrouper {
  private depth = 0;
  private stopToken: string | undefined;

  constructor(private readonly maxDepth = 8) {}

  /** Groups open now (a live step may still be inside one). */
  get openGroups(): number {
    return this.depth;
  }

  push(line: LogLine, number: number): LogOp[] {
    const plain: LogOp = { op: 'line', number, text: line.text, stream: line.stream };
    if (line.stream === 'runner') return [plain]; // the runner's own notes are never commands
    if (this.stopToken !== undefined) {
      const token = this.stopToken.toLowerCase();
      if (token !== '' && commandOf(line.text, (name) => name === token)) this.stopToken = undefined;
      return [plain];
    }
    const command = commandOf(line.text);
    if (!command) return [plain];
    switch (command.name) {
      case 'group': {
        // Deeper than maxDepth, a group replaces the innermost one instead of nesting further.
        const ops: LogOp[] = this.depth >= this.maxDepth ? [{ op: 'close' }] : [];
        if (this.depth < this.maxDepth) this.depth++;
        return [...ops, { op: 'open', title: command.message, number }];
      }
      case 'endgroup':
        if (this.depth === 0) return [];
        this.depth--;
        return [{ op: 'close' }];
      case 'stop-commands':
        this.stopToken = command.message;
        return [{ ...plain, kind: 'command' }];
      default: {
        const label = LABELS[command.name];
        return [label ? { ...plain, text: label + command.message, kind: command.name as LineKind } : { ...plain, kind: 'command' }];
      }
    }
  }
}

/** Lines (numbered from firstNumber) into a tree of lines and groups. */
export function groupLines(lines: readonly LogLine[], firstNumber = 1, maxDepth = 8): LogNode[] {
  const grouper = new LogGrouper(maxDepth);
  const root: LogNode[] = [];
  const stack: Extract<LogNode, { kind: 'group' }>[] = [];
  const into = () => stack[stack.length - 1]?.children ?? root;
  lines.forEach((line, offset) => {
    for (const op of grouper.push(line, firstNumber + offset)) {
      if (op.op === 'open') {
        const group: Extract<LogNode, { kind: 'group' }> = { kind: 'group', number: op.number, title: op.title, children: [], closed: false };
        into().push(group);
        stack.push(group);
      } else if (op.op === 'close') {
        const group = stack.pop();
        if (group) group.closed = true;
      } else {
        into().push({ kind: 'line', number: op.number, text: op.text, stream: op.stream, ...(op.kind ? { lineKind: op.kind } : {}) });
      }
    }
  });
  return root;
}
