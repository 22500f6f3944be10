import type { RunnerOs } from './runner-labels';
import { didYouMean, type DataProblem } from './suggest';

export interface ShellSpec {
  /** Operating systems whose runners provide it; undefined means all. */
  readonly os?: readonly RunnerOs[];
  /** What the runner executes; `{0}` is the script file. */
  readonly command: string;
}

/** Built-in `shell:` keywords ("Workflow syntax", steps[*].shell). The runner compares them case-insensitively. */
export const BUILT_IN_SHELLS: Readonly<Record<string, ShellSpec>> = {
  bash: { command: 'bash --noprofile --norc -eo pipefail {0}' },
  pwsh: { command: `pwsh -command ". '{0}'"` },
  python: { command: 'python {0}' },
  sh: { os: ['linux', 'macos'], command: 'sh -e {0}' },
  cmd: { os: ['windows'], command: '%ComSpec% /D /E:ON /V:OFF /S /C "CALL "{0}""' },
  powershell: { os: ['windows'], command: `powershell -command ". '{0}'"` },
};

const SHELL_NAMES = Object.keys(BUILT_IN_SHELLS);
export const OS_NAMES: Readonly<Record<RunnerOs, string>> = { linux: 'Linux', windows: 'Windows', macos: 'macOS' };

/**
 * Problems with a `shell:` value, given the job's operating system when it
 * is known. A value with spaces is a custom command and must say where the
 * script goes with `{0}`.
 */
export function checkShell(shell: string, os: RunnerOs | undefined): DataProblem[] {
  const trimmed = shell.trim();
  if (trimmed.includes('${{')) return [];
  if (trimmed === '') return [{ message: 'shell is empty. Use bash, pwsh, python, sh, cmd or powershell, or a command with {0}.', severity: 'error' }];
  const name = trimmed.toLowerCase();
  const builtIn = Object.prototype.hasOwnProperty.call(BUILT_IN_SHELLS, name) ? BUILT_IN_SHELLS[name] : undefined;
  const start = shell.indexOf(trimmed);
  const whole = { start, end: start + trimmed.length };
  if (builtIn) {
    if (os && builtIn.os && !builtIn.os.includes(os)) {
      const where = builtIn.os.map((item) => OS_NAMES[item]).join(' and ');
      // sh only exists on Windows through Git for Windows, so it is a likely mistake rather than a certain one.
      const severity = name === 'sh' ? 'warning' : 'error';
      const instead = os === 'windows' ? 'bash or pwsh' : 'bash, or pwsh for PowerShell';
      return [{ message: `The "${trimmed}" shell runs only on ${where} runners; this job runs on ${OS_NAMES[os]}. Use ${instead}.`, severity, ...whole }];
    }
    return [];
  }
  if (!/\s/.test(trimmed)) {
    const hint = didYouMean(trimmed, SHELL_NAMES);
    return [
      {
        message: `Unknown shell "${trimmed}".${hint} A custom shell is a command with {0} where the script file goes, e.g. "perl {0}".`,
        severity: 'error',
        ...whole,
      },
    ];
  }
  if (!trimmed.includes('{0}')) {
    return [{ message: `A custom shell must contain {0} where the script file goes, e.g. "${trimmed} {0}".`, severity: 'error', ...whole }];
  }
  return [];
}
