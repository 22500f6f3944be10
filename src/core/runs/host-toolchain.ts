import { spawnSync } from 'node:child_process';
import type { VersionDialect } from './toolchain-versions';

/** The setup-* actions we emulate with what the machine already has. */
export interface Toolchain {
  readonly action: string;
  /** Its name for a person: "asked for Node 18". */
  readonly label: string;
  /** The `with:` key holding the wanted version. */
  readonly versionInput: string;
  readonly programs: readonly string[];
  readonly args: readonly string[];
  readonly versionPattern: RegExp;
  readonly dialect: VersionDialect;
}

export const TOOLCHAINS: Readonly<Record<string, Toolchain>> = {
  'setup-node': {
    action: 'actions/setup-node',
    label: 'Node',
    versionInput: 'node-version',
    programs: ['node'],
    args: ['--version'],
    versionPattern: /v?(\d+\.\d+\.\d+)/,
    dialect: 'node',
  },
  'setup-python': {
    action: 'actions/setup-python',
    label: 'Python',
    versionInput: 'python-version',
    programs: ['python3', 'python'],
    args: ['--version'],
    versionPattern: /Python (\d+\.\d+\.\d+)/,
    dialect: 'python',
  },
  'setup-go': {
    action: 'actions/setup-go',
    label: 'Go',
    versionInput: 'go-version',
    programs: ['go'],
    args: ['version'],
    versionPattern: /go(\d+\.\d+(?:\.\d+)?)/,
    dialect: 'go',
  },
  'setup-java': {
    action: 'actions/setup-java',
    label: 'Java',
    versionInput: 'java-version',
    programs: ['java'],
    args: ['-version'],
    versionPattern: /version "(\d+(?:\.\d+)*)/,
    dialect: 'java',
  },
};

/** The version a host program reports, or undefined when it is not installed. */
export function hostVersion(
  toolchain: Toolchain,
  findExecutable: (name: string) => string | undefined,
  env: NodeJS.ProcessEnv,
): { program: string; version: string } | undefined {
  for (const program of toolchain.programs) {
    const path = findExecutable(program);
    if (!path) continue;
    const result = spawnSync(path, [...toolchain.args], { encoding: 'utf8', timeout: 10_000, env });
    const match = toolchain.versionPattern.exec(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    if (match?.[1]) return { program: path, version: match[1] };
  }
  return undefined;
}
