import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';
import { BUILT_IN_SHELLS } from '../pipelines/github/data/shells';

/** A ready-to-spawn shell invocation for one `run:` script. */
export interface ShellCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly scriptExtension: string;
  /** how it was chosen, for logs */
  readonly description: string;
}

export type ShellResolution = { readonly ok: true; readonly shell: ShellCommand } | { readonly ok: false; readonly reason: string };

/**
 * Script file extensions by the shell's program name, as GitHub's runner picks them
 * (ScriptHandlerHelpers): the first word of the `shell:` value, case-insensitive, so a
 * custom `bash -x {0}` still gets `.sh` and `perl {0}` gets none.
 */
const SCRIPT_EXTENSIONS: Readonly<Record<string, string>> = { bash: '.sh', sh: '.sh', python: '.py', pwsh: '.ps1', powershell: '.ps1', cmd: '.cmd' };

/** Built-in shells that only exist on Windows runners; this runner targets Linux and macOS. */
const WINDOWS_ONLY = new Set(['cmd', 'powershell']);

/**
 * The command that runs a step's script, following GitHub's runner on Linux/macOS:
 * no `shell:` means `bash -e {0}` (no pipefail) or `sh -e {0}` without bash; a keyword
 * uses GitHub's template; anything else is a custom command that must contain `{0}`.
 * `findExecutable` returns an absolute path or undefined; the returned command is that path.
 */
export function resolveShell(shell: string | undefined, scriptPath: string, findExecutable: (name: string) => string | undefined): ShellResolution {
  const trimmed = shell?.trim() ?? '';
  if (trimmed === '') return resolveDefaultShell(scriptPath, findExecutable);

  const keyword = trimmed.toLowerCase();
  if (WINDOWS_ONLY.has(keyword)) {
    return { ok: false, reason: `the step asks for shell "${trimmed}", which exists only on Windows runners and is not available on this machine` };
  }
  const builtIn = Object.prototype.hasOwnProperty.call(BUILT_IN_SHELLS, keyword) ? BUILT_IN_SHELLS[keyword] : undefined;
  if (builtIn) {
    const words = splitCommandLine(builtIn.command);
    if (!words.ok) return words;
    if (keyword === 'python') return resolvePython(words.words, scriptPath, findExecutable);
    return fromTemplate(words.words, scriptPath, findExecutable, `shell "${keyword}": ${builtIn.command}`, keyword);
  }

  if (!/\s/.test(trimmed)) {
    return {
      ok: false,
      reason: `the step asks for shell "${trimmed}", which is not a built-in shell (bash, sh, python, pwsh); a custom shell is a command with {0} where the script goes`,
    };
  }
  if (!trimmed.includes('{0}')) {
    return { ok: false, reason: `the custom shell "${trimmed}" has no {0}, so there is nowhere to put the script` };
  }
  const words = splitCommandLine(trimmed);
  if (!words.ok) return { ok: false, reason: `the custom shell "${trimmed}" cannot be read: ${words.reason}` };
  return fromTemplate(words.words, scriptPath, findExecutable, `custom shell: ${trimmed}`, trimmed);
}

/** GitHub's runner: bash if it is on PATH, else sh, both with sh's `-e {0}` arguments. */
function resolveDefaultShell(scriptPath: string, findExecutable: (name: string) => string | undefined): ShellResolution {
  const sh = BUILT_IN_SHELLS['sh'];
  const template = sh ? splitCommandLine(sh.command) : undefined;
  if (!template?.ok) return { ok: false, reason: 'the built-in "sh" shell template is missing' };
  const args = template.words.slice(1);
  const bash = findExecutable('bash');
  if (bash) {
    return ok(bash, args, scriptPath, '.sh', `default shell: bash -e {0} (no pipefail, unlike "shell: bash")`);
  }
  const shPath = findExecutable('sh');
  if (shPath) return ok(shPath, args, scriptPath, '.sh', 'default shell: sh -e {0} (bash is not on PATH)');
  return { ok: false, reason: 'the step uses the default shell, but neither bash nor sh is installed on this machine (not on PATH)' };
}

/** `python {0}`, falling back to python3 where only that name exists (common on Linux). */
function resolvePython(words: readonly string[], scriptPath: string, findExecutable: (name: string) => string | undefined): ShellResolution {
  const args = words.slice(1);
  const python = findExecutable('python');
  if (python) return ok(python, args, scriptPath, '.py', 'shell "python": python {0}');
  const python3 = findExecutable('python3');
  if (python3) return ok(python3, args, scriptPath, '.py', 'shell "python": python3 {0} (python is not on PATH)');
  return { ok: false, reason: 'the step asks for shell "python", which is not installed on this machine (neither python nor python3 is on PATH)' };
}

function fromTemplate(
  words: readonly string[],
  scriptPath: string,
  findExecutable: (name: string) => string | undefined,
  description: string,
  asked: string,
): ShellResolution {
  const [program, ...args] = words;
  if (program === undefined || program.includes('{0}')) {
    return { ok: false, reason: `the shell "${asked}" must start with a program name, before {0}` };
  }
  const found = findExecutable(program);
  if (!found) return { ok: false, reason: notInstalled(asked, program) };
  return ok(found, args, scriptPath, SCRIPT_EXTENSIONS[program.toLowerCase()] ?? '', description);
}

function ok(command: string, argTemplates: readonly string[], scriptPath: string, scriptExtension: string, description: string): ShellResolution {
  return { ok: true, shell: { command, args: argTemplates.map((arg) => formatArgument(arg, scriptPath)), scriptExtension, description } };
}

function notInstalled(asked: string, program: string): string {
  if (asked === program) return `the step asks for shell "${asked}", which is not installed on this machine (not on PATH)`;
  return `the step asks for shell "${asked}", but "${program}" is not installed on this machine (not on PATH)`;
}

/** Like the runner's string.Format: `{0}` is the script path, `{{` and `}}` are literal braces. */
function formatArgument(template: string, scriptPath: string): string {
  return template.replace(/\{\{|\}\}|\{0\}/g, (token) => (token === '{0}' ? scriptPath : (token[0] ?? '')));
}

/**
 * Splits a shell command template into argv without a shell: whitespace separates words,
 * and single or double quotes group them (no escapes, no expansion). Quotes go away, so
 * `pwsh -command ". '{0}'"` gives `-command` and `. '{0}'`.
 */
function splitCommandLine(text: string): { readonly ok: true; readonly words: string[] } | { readonly ok: false; readonly reason: string } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) return { ok: false, reason: `a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  if (inWord) words.push(current);
  return { ok: true, words };
}

/**
 * Where `name` would run from: an absolute path is checked directly, a bare name is
 * looked up in each PATH directory in order. Only executable regular files count.
 * Relative paths and empty PATH entries are not used: they would depend on this
 * process's directory rather than the step's.
 */
export function findOnPath(name: string, pathValue: string | undefined): string | undefined {
  if (path.isAbsolute(name)) return isExecutableFile(name) ? name : undefined;
  if (name === '' || name.includes('/')) return undefined;
  for (const directory of (pathValue ?? '').split(path.delimiter)) {
    if (!path.isAbsolute(directory)) continue;
    const candidate = path.join(directory, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(candidate: string): boolean {
  try {
    if (!statSync(candidate).isFile()) return false;
    accessSync(candidate, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
