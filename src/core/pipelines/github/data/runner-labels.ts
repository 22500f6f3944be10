import { runNfa, wildcardNfa, type Nfa } from '../../../patterns/nfa';
import { didYouMean, type DataProblem } from './suggest';

export type RunnerOs = 'linux' | 'windows' | 'macos';

export interface HostedRunner {
  readonly os: RunnerOs;
  readonly arch: 'x64' | 'arm64';
  /** Labels naming the same machine share this; two different machines in one `runs-on` never match. */
  readonly machine: string;
  readonly status: 'ga' | 'preview';
  readonly note?: string;
}

const runner = (os: RunnerOs, arch: 'x64' | 'arm64', machine: string, status: 'ga' | 'preview' = 'ga', note?: string): HostedRunner => ({
  os,
  arch,
  machine,
  status,
  ...(note ? { note } : {}),
});

/**
 * GitHub-hosted runner labels as of 2026 ("GitHub-hosted runners" reference and
 * the actions/runner-images README). The `-latest` labels move to a newer
 * image over a few weeks, so their `machine` is the image they point at now.
 */
export const GITHUB_HOSTED_LABELS: Readonly<Record<string, HostedRunner>> = {
  'ubuntu-latest': runner('linux', 'x64', 'ubuntu-24.04'),
  'ubuntu-26.04': runner('linux', 'x64', 'ubuntu-26.04', 'preview'),
  'ubuntu-24.04': runner('linux', 'x64', 'ubuntu-24.04'),
  'ubuntu-22.04': runner('linux', 'x64', 'ubuntu-22.04', 'ga', 'Retirement begins in September 2026; plan a move to ubuntu-24.04.'),
  'ubuntu-26.04-arm': runner('linux', 'arm64', 'ubuntu-26.04-arm', 'preview'),
  'ubuntu-24.04-arm': runner('linux', 'arm64', 'ubuntu-24.04-arm'),
  'ubuntu-22.04-arm': runner('linux', 'arm64', 'ubuntu-22.04-arm'),
  'ubuntu-slim': runner('linux', 'x64', 'ubuntu-slim', 'ga', 'A one-vCPU container for light jobs.'),
  'windows-latest': runner('windows', 'x64', 'windows-2025'),
  'windows-2025': runner('windows', 'x64', 'windows-2025'),
  'windows-2025-vs2026': runner('windows', 'x64', 'windows-2025-vs2026', 'preview'),
  'windows-2022': runner('windows', 'x64', 'windows-2022'),
  'windows-11-arm': runner('windows', 'arm64', 'windows-11-arm'),
  'macos-latest': runner('macos', 'arm64', 'macos-15'),
  'macos-26': runner('macos', 'arm64', 'macos-26'),
  'macos-15': runner('macos', 'arm64', 'macos-15'),
  'macos-14': runner('macos', 'arm64', 'macos-14'),
  'macos-26-intel': runner('macos', 'x64', 'macos-26-intel'),
  'macos-15-intel': runner('macos', 'x64', 'macos-15-intel', 'ga', 'The last Intel macOS image, available until August 2027.'),
  // Larger macOS runners: -large is Intel, -xlarge is Apple silicon.
  'macos-latest-large': runner('macos', 'x64', 'macos-15-large'),
  'macos-26-large': runner('macos', 'x64', 'macos-26-large'),
  'macos-15-large': runner('macos', 'x64', 'macos-15-large'),
  'macos-14-large': runner('macos', 'x64', 'macos-14-large'),
  'macos-latest-xlarge': runner('macos', 'arm64', 'macos-15-xlarge'),
  'macos-26-xlarge': runner('macos', 'arm64', 'macos-26-xlarge'),
  'macos-15-xlarge': runner('macos', 'arm64', 'macos-15-xlarge'),
  'macos-14-xlarge': runner('macos', 'arm64', 'macos-14-xlarge'),
};

/** Labels GitHub no longer serves, with what to use instead. A job asking for one waits in the queue and fails. */
export const RETIRED_LABELS: Readonly<Record<string, string>> = {
  'ubuntu-16.04': 'ubuntu-24.04',
  'ubuntu-18.04': 'ubuntu-24.04',
  'ubuntu-20.04': 'ubuntu-24.04',
  'windows-2016': 'windows-2025',
  'windows-2019': 'windows-2025',
  'macos-10.15': 'macos-15',
  'macos-11': 'macos-15',
  'macos-11.0': 'macos-15',
  'macos-12': 'macos-15',
  'macos-12.0': 'macos-15',
  'macos-12-large': 'macos-15-large',
  'macos-12-xl': 'macos-15-xlarge',
  'macos-12-xlarge': 'macos-15-xlarge',
  'macos-13': 'macos-15-intel (Intel) or macos-15 (Apple silicon)',
  'macos-13.0': 'macos-15-intel (Intel) or macos-15 (Apple silicon)',
  'macos-13-large': 'macos-15-large',
  'macos-13-xl': 'macos-15-xlarge',
  'macos-13-xlarge': 'macos-15-xlarge',
  'macos-latest-xl': 'macos-latest-xlarge',
};

/** Labels every self-hosted runner gets on registration. */
export const SELF_HOSTED_DEFAULT_LABELS = ['self-hosted', 'linux', 'windows', 'macos', 'x64', 'arm', 'arm64'] as const;
const SELF_HOSTED_OS: Readonly<Record<string, RunnerOs>> = { linux: 'linux', windows: 'windows', macos: 'macos' };

/** Where users list their own runner labels; the unknown-label warning names it. */
export const RUNNER_LABELS_CONFIG_KEY = 'self-hosted-runner.labels';
export const RUNNER_LABELS_CONFIG_FILE = '.github/shipshape.yaml';

const lookup = <T>(table: Readonly<Record<string, T>>, label: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, label) ? table[label] : undefined;

const customPatternCache = new Map<string, Nfa>();
/** Config patterns are simple globs: `*` matches anything, compared case-insensitively (label is lowercase). */
function matchesCustom(label: string, pattern: string): boolean {
  let nfa = customPatternCache.get(pattern);
  if (!nfa) {
    nfa = wildcardNfa(pattern.toLowerCase());
    customPatternCache.set(pattern, nfa);
  }
  return runNfa(nfa, label).matched;
}

/**
 * Problems with the labels of one `runs-on` list: retired labels (errors),
 * GitHub-hosted labels that can never be on one machine (errors), and
 * labels nobody knows (warnings the config silences). Labels holding
 * expressions are skipped; labels compare case-insensitively.
 */
export function checkRunnerLabels(labels: readonly string[], customPatterns: readonly string[]): DataProblem[] {
  const problems: DataProblem[] = [];
  const hosted: { index: number; label: string; runner: HostedRunner }[] = [];
  const selfHostedOs: { index: number; label: string; os: RunnerOs }[] = [];

  labels.forEach((original, index) => {
    if (original.includes('${{')) return;
    const label = original.trim().toLowerCase();
    if (customPatterns.some((pattern) => matchesCustom(label, pattern))) return;
    const hostedRunner = lookup(GITHUB_HOSTED_LABELS, label);
    if (hostedRunner) {
      hosted.push({ index, label: original, runner: hostedRunner });
      return;
    }
    const replacement = lookup(RETIRED_LABELS, label);
    if (replacement) {
      problems.push({
        message: `Runner label "${original}" is retired: GitHub no longer runs jobs on it. Use ${replacement} instead.`,
        severity: 'error',
        index,
      });
      return;
    }
    const os = lookup(SELF_HOSTED_OS, label);
    if (os) {
      selfHostedOs.push({ index, label: original, os });
      return;
    }
    if ((SELF_HOSTED_DEFAULT_LABELS as readonly string[]).includes(label)) return;
    const hint = didYouMean(label, Object.keys(GITHUB_HOSTED_LABELS));
    problems.push({
      message: `Unknown runner label "${original}".${hint} If a self-hosted or third-party runner has this label, add it to ${RUNNER_LABELS_CONFIG_KEY} in ${RUNNER_LABELS_CONFIG_FILE}.`,
      severity: 'warning',
      index,
    });
  });

  const first = hosted[0];
  if (first) {
    for (const other of hosted.slice(1)) {
      if (other.runner.machine !== first.runner.machine) {
        problems.push({
          message: `Runner label "${other.label}" conflicts with "${first.label}": a job runs on one machine that has every label. Use a matrix to run on both.`,
          severity: 'error',
          index: other.index,
        });
      }
    }
    for (const os of selfHostedOs) {
      if (os.os !== first.runner.os) {
        problems.push({
          message: `Runner label "${os.label}" conflicts with "${first.label}", which is a ${first.runner.os} runner.`,
          severity: 'error',
          index: os.index,
        });
      }
    }
  } else {
    const [firstOs, ...rest] = selfHostedOs;
    for (const os of rest) {
      if (firstOs && os.os !== firstOs.os) {
        problems.push({
          message: `Runner labels "${firstOs.label}" and "${os.label}" name two operating systems; no runner has both unless you added them yourself.`,
          severity: 'warning',
          index: os.index,
        });
      }
    }
  }
  return problems;
}
