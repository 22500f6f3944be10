import type { RecoveryFacts } from '../facts/types';
import type { Git } from '../../git/git';
import { catFileBatch, readWithNames } from './deep-git';
import { BATCH_CHECK_FORMAT, looksBinary, parseBatch, parseBatchCheck } from './parse-batch';
import { RAW_LOG_FORMAT, parseRawLog, type RawChange } from './parse-raw-log';
import { lines } from './read-stashes';
import { findSecrets, riskyName } from './risky-patterns';
import type { RiskReason, RiskyCommit, RiskyFacts, RiskyFile } from './types';

/** Unpushed commits scanned, newest first: a repository without a remote has nothing pushed at all. */
export const RISKY_COMMIT_LIMIT = 50;
/** Files above this are "large": GitHub warns at 50 MB and refuses 100 MB; most repositories want far less. */
export const LARGE_FILE_BYTES = 5 * 1024 * 1024;
/** Bytes of file contents read for the secret scan, in all. */
const SCAN_BUDGET = 32 * 1024 * 1024;

const NO_RISK: RiskyFacts = { scanned: 0, commits: [], staged: [], pushed: [] };

/**
 * Files that commits not yet pushed added or modified and that should
 * probably not be in git: large ones, risky names, secrets in the content.
 * Four git calls at most, none of which reads a patch: the changed blobs come
 * from `log --raw`, their sizes from `cat-file --batch-check`, the contents
 * of those small enough from one `cat-file --batch` (secrets already in the
 * previous version of a file are not new, so they do not count).
 */
export async function readRiskyFacts(git: Git, facts: RecoveryFacts): Promise<RiskyFacts> {
  const pushed = await readPushedRisky(git, facts);
  // A HEAD some remote-tracking branch holds has nothing unpushed: no log to run.
  if (!facts.status.head || facts.headPublished) return { ...NO_RISK, pushed };
  const published = facts.status.upstream && facts.status.upstreamExists ? ['@{upstream}'] : [];
  const log = parseRawLog(await git.raw(['log', `--max-count=${RISKY_COMMIT_LIMIT}`, ...RAW_LOG_ARGS, 'HEAD', '--not', '--remotes', ...published]));
  const commits = await scanCommits(git, log);
  const headIsRisky = commits.some((risky) => risky.commit.sha === facts.status.head);
  const staged = headIsRisky ? (await git.raw(['diff', '--cached', '--name-only', '--no-renames', '-z'])).split('\0').filter((path) => path !== '') : [];
  return { scanned: log.length, commits, staged, pushed };
}

const RAW_LOG_ARGS = ['--no-renames', '--raw', '-z', '--no-abbrev', RAW_LOG_FORMAT];

const isFile = (change: RawChange) => (change.status === 'A' || change.status === 'M') && /^100(644|755)$/.test(change.newMode);

/**
 * The risky files of each commit logged: sizes from one `cat-file --batch-check`, the contents of
 * those small enough from one `cat-file --batch` (secrets already in the previous version of a file
 * are not new, so they do not count).
 */
async function scanCommits(git: Git, log: ReturnType<typeof parseRawLog>): Promise<RiskyCommit[]> {
  const changed = log.flatMap((commit) => commit.changes.filter(isFile));
  if (changed.length === 0) return [];
  const sizes = parseBatchCheck(await readWithNames(git, ['cat-file', BATCH_CHECK_FORMAT], lines([...new Set(changed.map((change) => change.newBlob))])));
  const sizeOf = (blob: string) => sizes.get(blob)?.size ?? 0;
  const toRead = new Set<string>();
  let budget = SCAN_BUDGET;
  for (const change of changed) {
    const wanted = [change.newBlob, ...(change.status === 'M' ? [change.oldBlob] : [])].filter((blob) => !toRead.has(blob));
    const cost = wanted.reduce((sum, blob) => sum + sizeOf(blob), 0);
    if (sizeOf(change.newBlob) > LARGE_FILE_BYTES || cost > budget) continue;
    budget -= cost;
    for (const blob of wanted) toRead.add(blob);
  }
  const contents = new Map(parseBatch(await catFileBatch(git, lines([...toRead]))).map((object) => [object.sha, object.content]));
  const textOf = (blob: string) => {
    const content = contents.get(blob);
    return content && !looksBinary(content) ? content.toString('utf8') : undefined;
  };
  const commits: RiskyCommit[] = [];
  for (const commit of log) {
    const files = commit.changes.filter(isFile).flatMap((change): RiskyFile[] => {
      const reasons = riskReasons(change, sizeOf(change.newBlob), textOf(change.newBlob), change.status === 'M' ? textOf(change.oldBlob) : undefined);
      return reasons.length > 0 ? [{ path: change.path, status: change.status, blob: change.newBlob, size: sizeOf(change.newBlob), reasons }] : [];
    });
    if (files.length > 0) {
      commits.push({
        commit: { sha: commit.sha, parents: commit.parents, time: commit.time, subject: commit.subject },
        files,
        changedPaths: commit.changes.map((change) => change.path),
      });
    }
  }
  return commits;
}

/** Pushes this recent count: a key pushed last week is still worth a warning, one from last year has been seen by doctor before. */
const RECENT_PUSH_SECONDS = 7 * 24 * 3600;
/** Recently pushed commits scanned, newest first. */
const PUSHED_COMMIT_LIMIT = 20;

/**
 * Commits this clone pushed to its upstream in the last week that hold a secret (or a file named
 * like one): the remote-tracking branch's reflog records each push ("update by push") with the
 * value before it. Large files are left out: once pushed, they cost clones, not safety.
 */
async function readPushedRisky(git: Git, facts: RecoveryFacts): Promise<RiskyCommit[]> {
  if (!facts.status.upstream || !facts.status.upstreamExists) return [];
  const ref = `refs/remotes/${facts.status.upstream}`;
  const reflog = await git.tryRaw(['log', '-g', '--date=unix', '--format=%H%x00%gd%x00%gs', ref, '--']);
  if (!reflog) return [];
  const entries = reflog
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [sha = '', selector = '', subject = ''] = line.split('\0');
      return { sha, time: Number(/@\{(\d+)\}$/.exec(selector)?.[1] ?? 0), push: subject.startsWith('update by push') };
    });
  // The oldest push of the last week, and the value the ref had before it (none: the push created it).
  let oldest = -1;
  for (let index = 0; index < entries.length && (entries[index]?.time ?? 0) >= facts.now - RECENT_PUSH_SECONDS; index++)
    if (entries[index]?.push) oldest = index;
  if (oldest < 0) return [];
  const before = entries[oldest + 1]?.sha;
  const log = parseRawLog(await git.raw(['log', `--max-count=${PUSHED_COMMIT_LIMIT}`, ...RAW_LOG_ARGS, ref, ...(before ? ['--not', before] : []), '--']));
  return (await scanCommits(git, log)).flatMap((risky) => {
    const files = risky.files.flatMap((file) => {
      const reasons = file.reasons.filter((reason) => reason.kind !== 'large');
      return reasons.length > 0 ? [{ ...file, reasons }] : [];
    });
    return files.length > 0 ? [{ ...risky, files }] : [];
  });
}

/** Why one added or modified file is risky; empty when it is not. */
export function riskReasons(change: Pick<RawChange, 'path' | 'status'>, size: number, text: string | undefined, previous: string | undefined): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (size > LARGE_FILE_BYTES) reasons.push({ kind: 'large', size });
  const name = riskyName(change.path, text);
  // A modified file that was already risky by name was committed (and likely pushed) before.
  if (name && (change.status === 'A' || !riskyName(change.path, previous ?? ''))) reasons.push({ kind: 'name', what: name });
  if (text !== undefined) {
    const before = new Set(previous === undefined ? [] : findSecrets(previous).map((secret) => secret.value));
    for (const secret of findSecrets(text)) if (!before.has(secret.value)) reasons.push({ kind: 'secret', what: secret.what, masked: secret.masked });
  }
  return reasons;
}
