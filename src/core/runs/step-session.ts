import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvFile, parsePathFile } from './env-files';
import type { Annotation } from './run-types';
import type { SecretMasker } from './secret-masker';
import { WorkflowCommandReader, type WorkflowCommand } from './workflow-commands';

export interface StepFiles {
  readonly GITHUB_OUTPUT: string;
  readonly GITHUB_ENV: string;
  readonly GITHUB_PATH: string;
  readonly GITHUB_STATE: string;
  readonly GITHUB_STEP_SUMMARY: string;
}

export interface StepEffects {
  readonly outputs: Record<string, string>;
  readonly env: Record<string, string>;
  readonly path: string[];
  readonly state: Record<string, string>;
  readonly summary: string;
  readonly problems: string[];
  /** Workflow commands the runner refuses with a step failure (a disabled ::set-env), each as its error. */
  readonly failures: string[];
}

export interface StepSessionOptions {
  readonly job: string;
  readonly step: number;
  readonly runnerTemp: string;
  readonly masker: SecretMasker;
  readonly log: (stream: 'stdout' | 'stderr' | 'runner', line: string) => void;
  readonly annotate: (annotation: Annotation) => void;
}

/** The runner's words (actions/runner ActionCommandManager), so a log reads as GitHub's would. */
const DISABLED = (command: string) =>
  `The \`${command}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`;
const DEPRECATED = (command: string) =>
  `The \`${command}\` command is deprecated and will be disabled soon. Please upgrade to using Environment Files. For more information see: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/`;
/** A Node option in the environment of later steps would run code in every action after them: the runner refuses it. */
const isNodeOptions = (name: string) => name.toUpperCase() === 'NODE_OPTIONS';

/** What the legacy commands (::set-output, ::set-env ...) did during the step; applied with the environment files. */
interface CommandEffects {
  readonly outputs: Record<string, string>;
  readonly env: Record<string, string>;
  readonly path: string[];
  readonly state: Record<string, string>;
  readonly failures: string[];
}

/**
 * One step's side channels: the environment files it may write, and the workflow
 * commands in its output. Every line is masked before anyone sees it.
 */
export class StepSession {
  readonly files: StepFiles;
  private readonly reader = new WorkflowCommandReader();
  private readonly commands: CommandEffects = { outputs: {}, env: {}, path: [], state: {}, failures: [] };
  /** ACTIONS_ALLOW_UNSECURE_COMMANDS is true in the step's env: ::set-env and ::add-path work (the runner reads its env context). */
  allowUnsecureCommands = false;

  constructor(private readonly options: StepSessionOptions) {
    const id = randomUUID();
    const file = (name: string) => {
      const path = join(options.runnerTemp, `_${name}_${id}`);
      writeFileSync(path, '', { mode: 0o600, flag: 'wx' }); // a step may write a secret to it
      return path;
    };
    this.files = {
      GITHUB_OUTPUT: file('output'),
      GITHUB_ENV: file('env'),
      GITHUB_PATH: file('path'),
      GITHUB_STATE: file('state'),
      GITHUB_STEP_SUMMARY: file('summary'),
    };
  }

  /** A session for a step nested in this one (a composite action's): its own env files, the same log. */
  nested(): StepSession {
    return new StepSession(this.options);
  }

  /** A line the step's process printed. */
  handleLine(stream: 'stdout' | 'stderr', line: string): void {
    const command = this.reader.read(line);
    if (command) this.apply(command);
    this.options.log(stream, this.options.masker.mask(line));
  }

  /** A line from the runner itself (why a step was skipped, which shell ran...). */
  note(line: string): void {
    this.options.log('runner', this.options.masker.mask(line));
  }

  private apply(command: WorkflowCommand): void {
    const { masker } = this.options;
    switch (command.command) {
      case 'add-mask':
        masker.add(command.message);
        return;
      case 'error':
      case 'warning':
      case 'notice': {
        const number = (key: string) => {
          const value = Number(command.properties[key]);
          return Number.isFinite(value) && command.properties[key] !== undefined ? value : undefined;
        };
        const props = command.properties;
        this.options.annotate({
          level: command.command,
          message: masker.mask(command.message),
          ...(props.title !== undefined ? { title: masker.mask(props.title) } : {}),
          ...(props.file !== undefined ? { file: props.file } : {}),
          ...(number('line') !== undefined ? { line: number('line') } : {}),
          ...(number('col') !== undefined ? { column: number('col') } : {}),
          ...(number('endLine') !== undefined ? { endLine: number('endLine') } : {}),
          ...(number('endColumn') !== undefined ? { endColumn: number('endColumn') } : {}),
          job: this.options.job,
          step: this.options.step,
        });
        return;
      }
      case 'set-output':
      case 'save-state':
      case 'set-env':
      case 'add-path':
        this.applyLegacy(command);
        return;
      default:
    }
  }

  /** As actions/runner: set-output and save-state work with a deprecation warning; set-env and add-path fail the step unless allowed. */
  private applyLegacy({ command, properties, message }: WorkflowCommand): void {
    const error = (text: string) => this.annotateHere('error', text);
    const fail = (text: string) => {
      this.note(`Unable to process command '::${command}' successfully.`);
      error(text);
      this.commands.failures.push(text);
    };
    if ((command === 'set-env' || command === 'add-path') && !this.allowUnsecureCommands) return fail(DISABLED(command));
    if (command === 'add-path') {
      if (message === '') return fail("Required field 'path' is missing in ##[add-path] command.");
      this.commands.path.push(message);
      return;
    }
    const name = properties.name;
    if (!name) return fail(`Required field 'name' is missing in ##[${command}] command.`);
    if (command === 'set-env') {
      if (isNodeOptions(name)) return error(`Can't update ${name.toUpperCase()} environment variable using ::set-env:: command.`);
      this.commands.env[name] = message;
      return;
    }
    this.annotateHere('warning', DEPRECATED(command));
    if (command === 'set-output') this.commands.outputs[name] = message;
    else this.commands.state[name] = message;
  }

  private annotateHere(level: 'error' | 'warning', message: string): void {
    this.options.annotate({ level, message: this.options.masker.mask(message), job: this.options.job, step: this.options.step });
  }

  /** Reads what the step wrote to its environment files. */
  collect(): StepEffects {
    const read = (path: string) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    };
    const problems: string[] = [];
    const parse = (name: keyof StepFiles) => {
      const parsed = parseEnvFile(read(this.files[name]));
      problems.push(...parsed.problems.map((problem) => `${name}: ${problem}`));
      return Object.fromEntries(parsed.values);
    };
    // The files are processed after the step, so what they say wins over the commands it printed.
    const outputs = { ...this.commands.outputs, ...parse('GITHUB_OUTPUT') };
    const env = { ...this.commands.env };
    for (const [name, value] of Object.entries(parse('GITHUB_ENV'))) {
      if (isNodeOptions(name)) this.annotateHere('error', `Can't store ${name.toUpperCase()} output parameter using '$GITHUB_ENV' command.`);
      else env[name] = value;
    }
    const state = { ...this.commands.state, ...parse('GITHUB_STATE') };
    const path = [...this.commands.path, ...parsePathFile(read(this.files.GITHUB_PATH))];
    return { outputs, env, state, path, summary: read(this.files.GITHUB_STEP_SUMMARY), problems, failures: [...this.commands.failures] };
  }
}
