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
}

export interface StepSessionOptions {
  readonly job: string;
  readonly step: number;
  readonly runnerTemp: string;
  readonly masker: SecretMasker;
  readonly log: (stream: 'stdout' | 'stderr' | 'runner', line: string) => void;
  readonly annotate: (annotation: Annotation) => void;
}

const LEGACY = new Set(['set-output', 'save-state', 'set-env', 'add-path']);

/**
 * One step's side channels: the environment files it may write, and the workflow
 * commands in its output. Every line is masked before anyone sees it.
 */
export class StepSession {
  readonly files: StepFiles;
  private readonly reader = new WorkflowCommandReader();

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
      default:
        if (LEGACY.has(command.command)) this.note(`The "${command.command}" command is disabled on GitHub; write to the environment file instead.`);
    }
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
    const outputs = parse('GITHUB_OUTPUT');
    const env = parse('GITHUB_ENV');
    const state = parse('GITHUB_STATE');
    return { outputs, env, state, path: parsePathFile(read(this.files.GITHUB_PATH)), summary: read(this.files.GITHUB_STEP_SUMMARY), problems };
  }
}
