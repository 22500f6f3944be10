// A `run:` script whose `${{ }}` expressions put a secret in it is never written to disk. GitHub's
// runner writes the inlined script to its temp folder, which is harmless on a throwaway VM but not
// on the user's machine. Here the file holds a loader instead; the script itself comes in
// environment variables, which the loader reads, removes from its environment (so the step's child
// processes never see them) and runs in place, as if it were the file.
//
// Why a loader rather than rewriting each secret expression into a variable reference (`"$X"`, as
// GitHub advises workflow authors): the value stays text inlined in the script, so the step behaves
// exactly as on GitHub wherever the expression sits: in double or single quotes, in a quoted
// here-document, in a Python or PowerShell string literal. A rewrite would have to know each shell's
// quoting to stay right, and a wrong guess changes what the step does. What differs is only what
// names the script: `$0`, `__file__` or `$PSCommandPath` is the loader, and `cat "$0"` shows it.
// Why not keep the inlined file, private and deleted at once: it would still be on disk (backups,
// a crash before the delete), and the issue was exactly that.

const VARIABLE = 'SHIPSHAPE_SCRIPT_';

/** Characters per variable: at most 120 kB of UTF-8, under Linux's limit on one environment string (128 kB). */
const CHUNK = 30_000;

type Family = 'sh' | 'python' | 'pwsh';

/** Shells whose loader is known, by program name; any other (a custom `node {0}`, `perl {0}`) gets none. */
const FAMILIES: Readonly<Record<string, Family>> = {
  bash: 'sh',
  sh: 'sh',
  dash: 'sh',
  zsh: 'sh',
  ksh: 'sh',
  python: 'python',
  python3: 'python',
  pwsh: 'pwsh',
};

const HEADER = ["Shipshape: this step's script holds a secret, so it is not written here.", 'It comes in the environment and runs as if it were this file.'];

export interface ScriptLoader {
  /** What goes in the script file: no secret. */
  readonly file: string;
  /** Variables the step's process gets, holding the script. */
  readonly env: Record<string, string>;
}

/** The loader for a shell's program (its path or name), or undefined when this shell has none. */
export function scriptLoader(program: string, script: string): ScriptLoader | undefined {
  const name = program.split(/[\\/]/).pop() ?? '';
  const family = Object.prototype.hasOwnProperty.call(FAMILIES, name) ? FAMILIES[name] : undefined;
  if (!family) return undefined;
  const env = chunks(script);
  const names = Object.keys(env);
  return { file: `${loaderText(family, names)}\n`, env };
}

/** Shells that have a loader, for messages. */
export const SHELLS_WITH_LOADER = 'bash, sh, python and pwsh';

function chunks(script: string): Record<string, string> {
  const points = Array.from(script); // by code point, so no surrogate pair is cut in two
  const env: Record<string, string> = {};
  for (let index = 0; index * CHUNK < points.length || index === 0; index++) {
    env[`${VARIABLE}${index}`] = points.slice(index * CHUNK, (index + 1) * CHUNK).join('');
  }
  return env;
}

function loaderText(family: Family, names: readonly string[]): string {
  switch (family) {
    case 'sh':
      // eval's argument is expanded before it runs, so the copy is unset before the script's first command.
      return [
        ...HEADER.map((line) => `# ${line}`),
        `__shipshape_script="${names.map((name) => `\${${name}}`).join('')}"`,
        `unset ${names.join(' ')}`,
        'eval "unset __shipshape_script',
        '$__shipshape_script"',
      ].join('\n');
    case 'python':
      // The script's own globals are the loader's (__name__ is '__main__', __file__ the loader).
      return [
        ...HEADER.map((line) => `# ${line}`),
        `exec(compile(''.join(__import__('os').environ.pop(name) for name in (${names.map((name) => `'${name}', `).join('')})), '<run script>', 'exec'))`,
      ].join('\n');
    case 'pwsh':
      // Dot-sourced, so the script runs in the scope the loader was dot-sourced into.
      return [
        ...HEADER.map((line) => `# ${line}`),
        `. ([ScriptBlock]::Create([string]::Join('', @(@(${names.map((name) => `'${name}'`).join(', ')}) | ForEach-Object { [Environment]::GetEnvironmentVariable($_); [Environment]::SetEnvironmentVariable($_, $null) }))))`,
      ].join('\n');
  }
}
