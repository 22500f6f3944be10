import { spawnSync } from 'node:child_process';

/** The setup-* actions we emulate with what the machine already has. */
export interface Toolchain {
  readonly action: string;
  /** The `with:` key holding the wanted version. */
  readonly versionInput: string;
  readonly programs: readonly string[];
  readonly args: readonly string[];
  readonly versionPattern: RegExp;
}

export const TOOLCHAINS: Readonly<Record<string, Toolchain>> = {
  'setup-node': { action: 'actions/setup-node', versionInput: 'node-version', programs: ['node'], args: ['--version'], versionPattern: /v?(\d+\.\d+\.\d+)/ },
  'setup-python': { action: 'actions/setup-python', versionInput: 'python-version', programs: ['python3', 'python'], args: ['--version'], versionPattern: /Python (\d+\.\d+\.\d+)/ },
  'setup-go': { action: 'actions/setup-go', versionInput: 'go-version', programs: ['go'], args: ['version'], versionPattern: /go(\d+\.\d+(?:\.\d+)?)/ },
  'setup-java': { action: 'actions/setup-java', versionInput: 'java-version', programs: ['java'], args: ['-version'], versionPattern: /version "(\d+(?:\.\d+)*)/ },
};

/** The version a host program reports, or undefined when it is not installed. */
export function hostVersion(toolchain: Toolchain, findExecutable: (name: string) => string | undefined, env: NodeJS.ProcessEnv): { program: string; version: string } | undefined {
  for (const program of toolchain.programs) {
    const path = findExecutable(program);
    if (!path) continue;
    const result = spawnSync(path, [...toolchain.args], { encoding: 'utf8', timeout: 10_000, env });
    const match = toolchain.versionPattern.exec(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (match?.[1]) return { program: path, version: match[1] };
  }
  return undefined;
}

/**
 * Whether a host version satisfies what a workflow asks for. Understood: exact and partial
 * versions (`20`, `20.11`, `3.12.1`), `x` wildcards (`20.x`), `>=`/`^`/`~` ranges on the major,
 * and aliases (`lts/*`, `latest`, `node`, `stable`), which any installed version satisfies.
 */
export function versionSatisfies(requested: string, installed: string): boolean {
  const wanted = requested.trim().replace(/^v/, '');
  if (wanted === '' || /^(lts\/.*|latest|node|stable|current|\*)$/i.test(wanted)) return true;
  const have = installed.split('.').map(Number);
  const range = /^(>=|>|\^|~)\s*v?(\d+)(?:\.(\d+))?/.exec(wanted);
  if (range) {
    const major = Number(range[2]);
    const minor = range[3] === undefined ? 0 : Number(range[3]);
    const [haveMajor = 0, haveMinor = 0] = have;
    if (range[1] === '>=') return haveMajor > major || (haveMajor === major && haveMinor >= minor);
    if (range[1] === '>') return haveMajor > major || (haveMajor === major && haveMinor > minor);
    if (range[1] === '^') return haveMajor === major && haveMinor >= minor;
    return haveMajor === major && haveMinor === minor;
  }
  const parts = wanted.split('.');
  return parts.every((part, index) => part === 'x' || part === '*' || Number(part) === have[index]);
}
