import type { JobModel, StepModel } from './workflow-model';

/** Actions the runner does itself, with a local meaning, instead of downloading them. */
export type BuiltInAction =
  'checkout' | 'setup-node' | 'setup-python' | 'setup-go' | 'setup-java' | 'cache' | 'cache-restore' | 'cache-save' | 'upload-artifact' | 'download-artifact';

export type StepKind =
  | { readonly kind: 'run' }
  | { readonly kind: 'local-action'; readonly path: string }
  | { readonly kind: 'built-in'; readonly action: BuiltInAction; readonly uses: string }
  | { readonly kind: 'not-local'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const BUILT_INS: Readonly<Record<string, BuiltInAction>> = {
  'actions/checkout': 'checkout',
  'actions/setup-node': 'setup-node',
  'actions/setup-python': 'setup-python',
  'actions/setup-go': 'setup-go',
  'actions/setup-java': 'setup-java',
  'actions/cache': 'cache',
  'actions/cache/restore': 'cache-restore',
  'actions/cache/save': 'cache-save',
  'actions/upload-artifact': 'upload-artifact',
  'actions/download-artifact': 'download-artifact',
};

/** What a step is for a local run: a script, an action we run or emulate, or something we cannot run here (and why). */
export function classifyStep(step: StepModel): StepKind {
  if (step.run !== undefined && step.uses !== undefined) return { kind: 'invalid', reason: 'the step has both "run" and "uses"' };
  if (step.run !== undefined) return { kind: 'run' };
  const uses = step.uses?.trim();
  if (!uses) return { kind: 'invalid', reason: 'the step has neither "run" nor "uses"' };
  if (uses.startsWith('./')) return { kind: 'local-action', path: uses };
  if (uses.startsWith('docker://')) return { kind: 'not-local', reason: `ignored locally: "${uses}" is a container action, and local runs use no Docker` };
  const name = uses.split('@')[0]?.toLowerCase() ?? '';
  const builtIn = BUILT_INS[name];
  if (builtIn) return { kind: 'built-in', action: builtIn, uses };
  return { kind: 'not-local', reason: `ignored locally: "${uses}" is a remote action; local runs execute no downloaded code` };
}

/** Labels of runs-on, whatever shape it has (string, list, or { labels, group }). */
export function runnerLabels(runsOn: unknown): string[] {
  if (typeof runsOn === 'string') return [runsOn];
  if (Array.isArray(runsOn)) return runsOn.filter((label): label is string => typeof label === 'string');
  if (typeof runsOn === 'object' && runsOn !== null) {
    const { labels, group } = runsOn as { labels?: unknown; group?: unknown };
    return [...runnerLabels(labels), ...(typeof group === 'string' ? [`group ${group}`] : [])];
  }
  return [];
}

const FOREIGN_OS: readonly { readonly pattern: RegExp; readonly os: string }[] = [
  { pattern: /windows/i, os: 'windows' },
  { pattern: /macos|mac-?os|osx/i, os: 'macos' },
];

/**
 * What of a job a local run cannot reproduce, one note each, so nothing is dropped silently.
 * `hostOs` is Node's platform name of this machine; `runsOn` is runs-on evaluated for the leg when known.
 */
export function jobLimitations(job: JobModel, hostOs: NodeJS.Platform, runsOn: unknown = job.runsOn): string[] {
  const notes: string[] = [];
  const raw = job.raw;
  if (raw.services !== undefined) notes.push(`ignored locally: services (${Object.keys(raw.services ?? {}).join(', ') || 'none listed'}) need Docker`);
  if (raw.container !== undefined) notes.push('ignored locally: container; the steps run on this machine instead');
  if (raw.environment !== undefined) notes.push('ignored locally: environment protection rules and environment secrets');
  if (raw.concurrency !== undefined) notes.push('ignored locally: concurrency');
  const hostName = hostOs === 'win32' ? 'windows' : hostOs === 'darwin' ? 'macos' : 'linux';
  for (const label of runnerLabels(runsOn)) {
    const foreign = FOREIGN_OS.find(({ pattern }) => pattern.test(label));
    if (foreign && foreign.os !== hostName) notes.push(`runs-on ${label} on a ${hostName === 'linux' ? 'Linux' : hostName} host: the steps run here anyway`);
    if (label.includes('${{')) notes.push(`runs-on "${label}" is decided by an expression; the steps run on this machine`);
  }
  return notes;
}
