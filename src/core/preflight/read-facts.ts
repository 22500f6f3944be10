import { join } from 'node:path';
import { ShipshapeError } from '../errors';
import { createGit, type Git, type GitOptions } from '../git/git';
import { classifyPipelinePath } from '../pipelines/pipeline-kind';
import { MAX_FILE_BYTES, readReachedFileSync } from '../pipelines/read-pipeline-file';
import { catFileBatch, readWithNames } from '../recovery/deep/deep-git';
import { BATCH_CHECK_FORMAT, looksBinary, parseBatch, parseBatchCheck } from '../recovery/deep/parse-batch';
import { RAW_LOG_FORMAT, parseRawLog, type RawCommit } from '../recovery/deep/parse-raw-log';
import { parseStatusV2 } from '../recovery/facts/parse-status';
import { detectInProgress } from '../recovery/repo-summary';
import { parsePushInput } from './hook-input';
import { PATCH_FORMAT, parseAddedLines } from './patch-lines';
import type { PipelineText, PreflightFacts, PushTarget, TargetFacts } from './types';

/** Commits read at most: a first push of a long history is checked on its newest commits only. */
export const COMMIT_LIMIT = 1000;
/** Files over this are "binary" to the patch (git's core.bigFileThreshold): a 2 GB file is sized, never read. */
const PATCH_FILE_LIMIT = '5m';

export interface PreflightOptions extends GitOptions {
  /** The remote to push to (default: the branch's push remote, its upstream's, else origin or the only one). */
  readonly remote?: string;
  /** git's pre-push standard input: the exact refs the push updates. */
  readonly hookInput?: string;
}

/**
 * Reads what the check needs with bounded git calls: each walks only the
 * commits the push sends (never the whole history), the sizes come from
 * `cat-file --batch-check` and the added lines from one `log -p -U0` in which
 * files over 5 MB count as binary.
 */
export async function readPreflightFacts(dir: string, options: PreflightOptions = {}): Promise<PreflightFacts> {
  const top = await createGit(dir, options).tryRaw(['rev-parse', '--show-toplevel', '--absolute-git-dir']);
  const [root = '', gitDir = ''] = (top ?? '').split('\n');
  if (!root || !gitDir) throw new ShipshapeError('not-a-repository', `${dir} is not inside a git working tree.`, 'Run it in a clone, or pass --repo DIR.');
  const git = createGit(root, options);
  const [statusText, configText, remotesText] = await Promise.all([
    git.raw(['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all']),
    git.tryRaw(['config', '-z', '--get-regexp', '^(branch\\..*\\.(remote|pushremote|merge)|remote\\.pushdefault)$']),
    git.raw(['remote']),
  ]);
  const status = parseStatusV2(statusText);
  const config = parseConfig(configText ?? '');
  const remotes = remotesText.split('\n').filter((name) => name !== '');
  const hook = options.hookInput !== undefined;
  // git hands the hook a URL as the remote's name when the push names no remote: then every remote counts as published.
  const named = hook && options.remote !== undefined && !remotes.includes(options.remote) ? undefined : options.remote;
  const remote = chooseRemote(named, status.branch, config, remotes);
  const base = {
    root,
    branch: status.branch,
    head: status.head,
    remote,
    upstream: status.upstream,
    ahead: status.ahead,
    behind: status.behind,
    inProgress: detectInProgress(gitDir),
    hook,
  };
  const empty = {
    targets: [],
    commits: [],
    truncated: false,
    sizes: new Map<string, number>(),
    added: [],
    pipelines: [],
    workflows: [],
    azurePipelines: [],
    gitlabConfig: undefined,
  };
  if (status.head === undefined) return { ...base, defaultBranch: undefined, ...empty };

  const remoteRefs = remote ? await readRemoteRefs(git, remote) : { refs: new Map<string, string>(), defaultBranch: undefined };
  const pushTargets = hook ? parsePushInput(options.hookInput ?? '') : plainPushTarget(status.branch, status.head, remote, config, remoteRefs.refs);
  const targets = await Promise.all(pushTargets.map((target) => (hook ? withDropped(git, target) : { ...target, dropped: 0 })));
  const sent = targets.flatMap((target) => (target.localSha ? [target.localSha] : []));
  // Only commits here can exclude: a remote sha never fetched would make git fail "bad revision".
  const known = targets.flatMap((target) => (target.remoteSha && target.dropped !== undefined ? [target.remoteSha] : []));
  const range = [...sent, '--not', ...known, remote ? `--remotes=${remote}` : '--remotes'];
  if (sent.length === 0) return { ...base, defaultBranch: remoteRefs.defaultBranch, ...empty, targets };

  const log = parseRawLog(
    await git.raw([
      'log',
      `--max-count=${COMMIT_LIMIT + 1}`,
      '--no-renames',
      '--raw',
      '-z',
      '--no-abbrev',
      '--no-show-signature',
      RAW_LOG_FORMAT,
      ...range,
      '--',
    ]),
  );
  const truncated = log.length > COMMIT_LIMIT;
  const commits = log.slice(0, COMMIT_LIMIT);
  const blobs = [
    ...new Set(commits.flatMap((commit) => commit.changes.filter((change) => change.status === 'A' || change.status === 'M').map((change) => change.newBlob))),
  ];
  const [sizeText, patch] = await Promise.all([
    readWithNames(git, ['cat-file', BATCH_CHECK_FORMAT], lines(blobs)),
    commits.length === 0 ? Promise.resolve('') : git.raw(patchArgs(range)),
  ]);
  const sizes = new Map([...parseBatchCheck(sizeText)].map(([sha, object]) => [sha, object.size]));
  const tip = sent[0] as string;
  const { pipelines, workflows, azurePipelines, gitlabConfig } = await readPipelines(
    git,
    root,
    tip,
    commits,
    status.changes.map((change) => change.path),
  );
  return {
    ...base,
    defaultBranch: remoteRefs.defaultBranch,
    targets,
    commits,
    truncated,
    sizes,
    added: parseAddedLines(patch),
    pipelines,
    workflows,
    azurePipelines,
    gitlabConfig,
  };
}

const lines = (names: readonly string[]): string => (names.length === 0 ? '' : `${names.join('\n')}\n`);

/** `log -p` over the range: added lines only (-U0), no program the repository configures (diff drivers, textconv), fixed prefixes. */
function patchArgs(range: readonly string[]): string[] {
  return [
    '-c',
    `core.bigFileThreshold=${PATCH_FILE_LIMIT}`,
    '-c',
    'core.quotePath=false',
    'log',
    `--max-count=${COMMIT_LIMIT}`,
    '-p',
    '-U0',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--no-renames',
    '--no-relative',
    '--no-show-signature',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    PATCH_FORMAT,
    ...range,
    '--',
  ];
}

/** `git config -z --get-regexp`: "key\nvalue" records. */
function parseConfig(text: string): Map<string, string> {
  const config = new Map<string, string>();
  for (const record of text.split('\0')) {
    const at = record.indexOf('\n');
    if (at > 0) config.set(record.slice(0, at).toLowerCase(), record.slice(at + 1));
  }
  return config;
}

/** Where a plain `git push` goes: branch.X.pushRemote, remote.pushDefault, branch.X.remote, else origin or the only remote. */
function chooseRemote(
  named: string | undefined,
  branch: string | undefined,
  config: ReadonlyMap<string, string>,
  remotes: readonly string[],
): string | undefined {
  if (named !== undefined) {
    if (!remotes.includes(named)) throw new ShipshapeError('usage', `there is no remote "${named}" (remotes: ${remotes.join(', ') || 'none'})`);
    return named;
  }
  const key = (name: string) => `branch.${branch ?? ''}.${name}`.toLowerCase();
  const configured =
    (branch ? config.get(key('pushremote')) : undefined) ?? config.get('remote.pushdefault') ?? (branch ? config.get(key('remote')) : undefined);
  if (configured && remotes.includes(configured)) return configured;
  return remotes.includes('origin') ? 'origin' : remotes.length === 1 ? remotes[0] : undefined;
}

/** The remote's branches as last fetched (short name → sha) and its default branch (from refs/remotes/<remote>/HEAD, else main or master). */
async function readRemoteRefs(git: Git, remote: string): Promise<{ refs: Map<string, string>; defaultBranch: string | undefined }> {
  const prefix = `refs/remotes/${remote}/`;
  const text = await git.raw(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(symref)', prefix]);
  const refs = new Map<string, string>();
  let head: string | undefined;
  for (const line of text.split('\n')) {
    const [name = '', sha = '', symref = ''] = line.split('\0');
    if (!name.startsWith(prefix)) continue;
    if (name === `${prefix}HEAD`) head = symref.startsWith(prefix) ? symref.slice(prefix.length) : undefined;
    else refs.set(name.slice(prefix.length), sha);
  }
  const defaultBranch = head ?? ['main', 'master'].find((name) => refs.has(name));
  return { refs, defaultBranch };
}

/** A plain `git push` of the current branch: to its upstream's branch on that remote, else to the same name. */
function plainPushTarget(
  branch: string | undefined,
  head: string,
  remote: string | undefined,
  config: ReadonlyMap<string, string>,
  refs: ReadonlyMap<string, string>,
): PushTarget[] {
  const merge = branch ? config.get(`branch.${branch}.merge`.toLowerCase()) : undefined;
  const tracksRemote = branch !== undefined && config.get(`branch.${branch}.remote`.toLowerCase()) === remote;
  const name = tracksRemote && merge?.startsWith('refs/heads/') ? merge.slice('refs/heads/'.length) : branch;
  if (name === undefined) return [{ localRef: 'HEAD', localSha: head, remoteRef: 'HEAD', remoteSha: undefined }];
  return [{ localRef: `refs/heads/${branch ?? name}`, localSha: head, remoteRef: `refs/heads/${name}`, remoteSha: refs.get(name) }];
}

/** How many commits the remote's ref has that the pushed commit lacks (a force push drops them); undefined when that commit is not here. */
async function withDropped(git: Git, target: PushTarget): Promise<TargetFacts> {
  if (!target.localSha || !target.remoteSha || target.localSha === target.remoteSha) return { ...target, dropped: 0 };
  const count = await git.tryRaw(['rev-list', '--count', `${target.localSha}..${target.remoteSha}`, '--']);
  return { ...target, dropped: count === undefined ? undefined : Number(count.trim()) || 0 };
}

/**
 * The pipeline files the push changes (text at the pushed commit), those changed only in the
 * working tree (text on disk), and every GitHub workflow at the pushed commit for the forecast.
 */
/** Azure files forecast at most (a repository of generated pipelines should not slow every push). */
const MAX_AZURE_FORECASTS = 50;

async function readPipelines(
  git: Git,
  root: string,
  tip: string,
  commits: readonly RawCommit[],
  localChanges: readonly string[],
): Promise<{
  pipelines: PipelineText[];
  workflows: { file: string; text: string }[];
  azurePipelines: { file: string; text: string }[];
  gitlabConfig: { file: string; text: string } | undefined;
}> {
  const pushedFiles = new Set(
    commits.flatMap((commit) => commit.changes.filter((change) => change.status !== 'D' && classifyPipelinePath(change.path)).map((change) => change.path)),
  );
  // Names only, once: the GitHub workflows and the Azure Pipelines files (by name) at the pushed commit.
  const listing = (await git.raw(['ls-tree', '-r', '-z', '--name-only', tip])).split('\0');
  const workflowFiles = listing.filter((path) => path.startsWith('.github/workflows/') && classifyPipelinePath(path) === 'github-workflow');
  const azureFiles = listing.filter((path) => classifyPipelinePath(path) === 'azure-pipelines').slice(0, MAX_AZURE_FORECASTS);
  const gitlabFile = listing.find((path) => /^\.gitlab-ci\.ya?ml$/.test(path));
  const wanted = [...new Set([...pushedFiles, ...workflowFiles, ...azureFiles, ...(gitlabFile ? [gitlabFile] : [])])].filter((path) => !path.includes('\n'));
  // Both batch modes answer in the order asked, one line per name ("<name> missing" when absent).
  const checked = (await readWithNames(git, ['cat-file', BATCH_CHECK_FORMAT], lines(wanted.map((path) => `${tip}:${path}`)))).split('\n');
  const small = wanted.filter((_, index) => {
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(checked[index] ?? '')?.[1];
    return size !== undefined && Number(size) <= MAX_FILE_BYTES;
  });
  const objects = parseBatch(await catFileBatch(git, lines(small.map((path) => `${tip}:${path}`))));
  const texts = new Map<string, string>();
  small.forEach((path, index) => {
    const object = objects[index];
    if (object && !looksBinary(object.content)) texts.set(path, object.content.toString('utf8'));
  });
  const pipelines: PipelineText[] = [...pushedFiles].flatMap((file) => {
    const text = texts.get(file);
    return text === undefined ? [] : [{ file, text, pushed: true }];
  });
  for (const file of localChanges) {
    if (pushedFiles.has(file) || !classifyPipelinePath(file)) continue;
    const text = readReachedFileSync(join(root, file));
    if (text !== undefined) pipelines.push({ file, text, pushed: false });
  }
  const withText = (files: readonly string[]) =>
    files.flatMap((file) => {
      const text = texts.get(file);
      return text === undefined ? [] : [{ file, text }];
    });
  return { pipelines, workflows: withText(workflowFiles), azurePipelines: withText(azureFiles), gitlabConfig: withText(gitlabFile ? [gitlabFile] : [])[0] };
}
