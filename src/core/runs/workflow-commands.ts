// Workflow commands a step writes to stdout, parsed as actions/runner's ActionCommand does:
//   ::name key=value,key2=value2::message     (leading whitespace allowed)
//   ##[name key=value;key2=value2]message     (the older form, found anywhere in the line)
// Only the runner's registered command names count; any other `::x::` line is plain output.

export interface WorkflowCommand {
  /** Lower case. */
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

/** Every command the runner registers; `set-output`, `save-state`, `set-env` and `add-path` are legacy. */
const REGISTERED_COMMANDS: ReadonlySet<string> = new Set([
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

/** The runner looks properties up case-insensitively; we hand back the documented spelling. */
const CANONICAL_PROPERTY_NAMES: ReadonlyMap<string, string> = new Map(
  ['file', 'line', 'endLine', 'col', 'endColumn', 'title', 'name', 'owner'].map((name) => [name.toLowerCase(), name]),
);

type Unescapes = readonly (readonly [string, string])[];
// Applied in order, `%25` last, so `%250A` stays the text `%0A`.
const MESSAGE_UNESCAPES: Unescapes = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const PROPERTY_UNESCAPES: Unescapes = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%'],
];
const LEGACY_UNESCAPES: Unescapes = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%'],
];

function unescape(text: string, unescapes: Unescapes): string {
  return unescapes.reduce((result, [escaped, plain]) => result.replaceAll(escaped, plain), text);
}

type IsCommandName = (lowerCaseName: string) => boolean;

function parseProperties(text: string, separator: string, unescapes: Unescapes): Record<string, string> {
  const properties = new Map<string, string>();
  const keyFor = new Map<string, string>();
  for (const pair of text.split(separator)) {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? '' : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    // Like the runner: a pair without a key or without a value is dropped.
    if (key === '' || value === '') continue;
    const lower = key.toLowerCase();
    const spelling = CANONICAL_PROPERTY_NAMES.get(lower) ?? keyFor.get(lower) ?? key;
    keyFor.set(lower, spelling);
    properties.set(spelling, unescape(value, unescapes));
  }
  // fromEntries defines own properties, so a key like `__proto__` cannot reach the prototype.
  return Object.fromEntries(properties);
}

/** `::name props::message`, after leading whitespace. */
function parseCurrentForm(line: string, isCommandName: IsCommandName): WorkflowCommand | undefined {
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const command = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!isCommandName(command)) return undefined;
  const properties = space > 0 ? parseProperties(info.slice(space + 1).trim(), ',', PROPERTY_UNESCAPES) : {};
  return { command, properties, message: unescape(text.slice(end + 2), MESSAGE_UNESCAPES) };
}

/** `##[name props]message`, anywhere in the line: the runner still accepts it. */
function parseLegacyForm(line: string, isCommandName: IsCommandName): WorkflowCommand | undefined {
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const end = line.indexOf(']', start);
  if (end < 0) return undefined;
  const info = line.slice(start + 3, end);
  const space = info.indexOf(' ');
  const command = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (!isCommandName(command)) return undefined;
  const properties = space > 0 ? parseProperties(info.slice(space + 1), ';', LEGACY_UNESCAPES) : {};
  return { command, properties, message: unescape(line.slice(end + 1), LEGACY_UNESCAPES) };
}

function parseWith(line: string, isCommandName: IsCommandName): WorkflowCommand | undefined {
  // Lines split from CRLF output may keep their `\r`; it is not part of the message.
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return parseCurrentForm(text, isCommandName) ?? parseLegacyForm(text, isCommandName);
}

export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  return parseWith(line, (name) => REGISTERED_COMMANDS.has(name));
}

/**
 * The runner refuses (and fails the step on) an empty token, `pause-logging`, or a command name,
 * unless ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS is true: such a token would be easy to resume.
 */
export function isAllowedStopToken(token: string): boolean {
  const lower = token.toLowerCase();
  return token !== '' && lower !== 'pause-logging' && !REGISTERED_COMMANDS.has(lower);
}

export interface WorkflowCommandReaderOptions {
  /** ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS: accept tokens `isAllowedStopToken` refuses. */
  readonly allowUnsecureStopTokens?: boolean;
  /** Whether command lines are echoed to the log at the start (the runner: only with ACTIONS_STEP_DEBUG). */
  readonly echoCommands?: boolean;
}

/** Stateful per step: honours ::stop-commands::TOKEN ... ::TOKEN:: (and the deprecated ::echo::). */
export class WorkflowCommandReader {
  private stopToken: string | undefined;
  private echo: boolean;
  private readonly allowUnsecureStopTokens: boolean;

  constructor(options: WorkflowCommandReaderOptions = {}) {
    this.echo = options.echoCommands ?? false;
    this.allowUnsecureStopTokens = options.allowUnsecureStopTokens ?? false;
  }

  /** True between an accepted `::stop-commands::` and its resume line. */
  get isStopped(): boolean {
    return this.stopToken !== undefined;
  }

  /** Set by `::echo::on` / `::echo::off`: whether the runner would print command lines as well. */
  get echoesCommands(): boolean {
    return this.echo;
  }

  /**
   * The command on this line, or undefined for plain output. While stopped every line is plain
   * output, including the `::TOKEN::` line that resumes (the runner prints it as it is).
   * A `stop-commands` whose token is refused comes back too, but does not stop: report it.
   */
  read(line: string): WorkflowCommand | undefined {
    const token = this.stopToken;
    if (token !== undefined) {
      // An empty token (only with the unsecure opt-in) never resumes, as in the runner.
      const lowerToken = token.toLowerCase();
      if (lowerToken !== '' && parseWith(line, (name) => name === lowerToken)) this.stopToken = undefined;
      return undefined;
    }
    const command = parseWorkflowCommand(line);
    if (command?.command === 'stop-commands' && (this.allowUnsecureStopTokens || isAllowedStopToken(command.message))) {
      this.stopToken = command.message;
    } else if (command?.command === 'echo') {
      const value = command.message.trim().toLowerCase();
      if (value === 'on') this.echo = true;
      else if (value === 'off') this.echo = false;
    }
    return command;
  }
}
