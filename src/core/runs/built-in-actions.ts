import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { access, cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { matchGlob } from '../pipelines/github/data/globs';
import { hostVersion, TOOLCHAINS } from './host-toolchain';
import type { BuiltInAction } from './step-kinds';
import type { StepSession } from './step-session';
import { checkVersion } from './toolchain-versions';

export interface BuiltInContext {
  readonly action: BuiltInAction;
  readonly uses: string;
  /** The step's `with:`, evaluated. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly workspace: string;
  /** Shared by the run's jobs. */
  readonly artifactsDir: string;
  /** Shared by runs: the local stand-in for GitHub's cache service. */
  readonly cacheDir: string;
  readonly session: StepSession;
  readonly findExecutable: (name: string) => string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Work to do when the job ends (actions/cache saves then). */
  readonly addPostStep: (name: string, work: () => Promise<void>) => void;
}

export interface BuiltInResult {
  readonly status: 'success' | 'failure' | 'skipped';
  readonly reason: string | undefined;
  readonly outputs: Record<string, string>;
  /** The job goes on, but not as the workflow asked (another toolchain than setup-* wanted). */
  readonly warning?: string;
}

const done = (outputs: Record<string, string> = {}, reason?: string): BuiltInResult => ({ status: 'success', reason, outputs });
const failed = (reason: string): BuiltInResult => ({ status: 'failure', reason, outputs: {} });

/**
 * The local meaning of the actions every workflow uses; see step-kinds.ts for which. Copies and
 * walks are asynchronous: a big cache or artifact never holds up the process's event loop.
 */
export async function runBuiltIn(context: BuiltInContext): Promise<BuiltInResult> {
  switch (context.action) {
    case 'checkout':
      return checkout(context);
    case 'setup-node':
    case 'setup-python':
    case 'setup-go':
    case 'setup-java':
      return setupToolchain(context);
    case 'cache':
    case 'cache-restore':
    case 'cache-save':
      return cache(context);
    case 'upload-artifact':
      return uploadArtifact(context);
    case 'download-artifact':
      return downloadArtifact(context);
  }
}

function checkout(context: BuiltInContext): BuiltInResult {
  const repository = context.inputs.repository?.trim();
  if (repository && repository !== '${{ github.repository }}') {
    return { status: 'skipped', reason: `ignored locally: checking out another repository (${repository}) needs the network`, outputs: {} };
  }
  context.session.note('actions/checkout: the isolated copy of the repository is the checkout; nothing to fetch.');
  return done({}, 'the isolated copy is the checkout');
}

function setupToolchain(context: BuiltInContext): BuiltInResult {
  const toolchain = TOOLCHAINS[context.action];
  if (!toolchain) return failed(`no local stand-in for ${context.uses}`);
  const requested = context.inputs[toolchain.versionInput]?.trim() ?? '';
  const found = hostVersion(toolchain, context.findExecutable, context.env);
  // The steps after this one run on whatever the machine has: a leg asked for another version says so (a warning), not green.
  const asked = requested ? `asked for ${toolchain.label} ${requested}` : `asked for ${toolchain.label}`;
  if (!found) {
    const warning = `${asked}, but ${toolchain.label} is not installed on this machine`;
    return { status: 'skipped', reason: warning, outputs: {}, warning };
  }
  const check = checkVersion(requested, found.version, toolchain.dialect);
  if (check.kind === 'unsatisfied') {
    const warning = `${asked}, ran on this machine's ${toolchain.label} ${found.version}`;
    context.session.note(`${toolchain.action}: ${warning}; the later steps use it.`);
    return { status: 'skipped', reason: warning, outputs: {}, warning };
  }
  // An alias such as lts/* cannot be checked offline: the host's version is used, and the log says it was not checked.
  const unchecked = check.kind === 'uncheckable' ? ` (not checked: ${check.reason})` : '';
  context.session.note(`${toolchain.action}: using ${found.program} ${found.version} from this machine${unchecked}.`);
  return done({ version: found.version, [`${toolchain.programs[0]}-version`]: found.version }, `uses the host's ${found.version}${unchecked}`);
}

const cacheFolder = (cacheDir: string, key: string) => join(cacheDir, createHash('sha256').update(key).digest('hex').slice(0, 32));
const expandHome = (path: string) => (path.startsWith('~/') ? join(homedir(), path.slice(2)) : path);
const listInput = (value: string | undefined) =>
  (value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

async function cache(context: BuiltInContext): Promise<BuiltInResult> {
  const key = context.inputs.key?.trim();
  const paths = listInput(context.inputs.path)
    .filter((path) => !path.startsWith('!'))
    .map((path) => resolve(context.workspace, expandHome(path)));
  if (!key || paths.length === 0) return failed('actions/cache needs "key" and "path"');
  const restore = async (): Promise<Record<string, string>> => {
    const candidates = [key, ...listInput(context.inputs['restore-keys'])];
    for (const candidate of candidates) {
      const exact = candidate === key;
      const folder = exact ? cacheFolder(context.cacheDir, key) : await findByPrefix(context.cacheDir, candidate);
      if (!folder || !(await exists(folder))) continue;
      for (const [index, path] of paths.entries()) {
        const saved = join(folder, String(index));
        if (await exists(saved)) await cp(saved, path, { recursive: true, force: true });
      }
      context.session.note(`actions/cache: restored ${exact ? 'an exact match' : `a match for "${candidate}"`} from the local cache.`);
      return { 'cache-hit': String(exact), 'cache-primary-key': key, 'cache-matched-key': candidate };
    }
    context.session.note(`actions/cache: nothing cached for "${key}" yet.`);
    return { 'cache-hit': 'false', 'cache-primary-key': key };
  };
  const save = async () => {
    const folder = cacheFolder(context.cacheDir, key);
    if (await exists(folder)) return;
    await mkdir(folder, { recursive: true });
    for (const [index, path] of paths.entries()) {
      if (await exists(path)) await cp(path, join(folder, String(index)), { recursive: true });
    }
    await recordKey(folder, key);
  };
  if (context.action === 'cache-save') {
    await save();
    return done({}, 'saved to the local cache');
  }
  const outputs = await restore();
  if (context.action === 'cache' && outputs['cache-hit'] !== 'true') context.addPostStep(`Save cache ${key}`, save);
  return done(outputs);
}

/** Restore keys match by prefix; the key is kept beside each entry so prefixes can be found. */
async function recordKey(folder: string, key: string): Promise<void> {
  await mkdir(join(folder, 'key', encodeURIComponent(key)), { recursive: true });
}

async function findByPrefix(cacheDir: string, prefix: string): Promise<string | undefined> {
  let best: { folder: string; time: number } | undefined;
  for (const entry of await readdir(cacheDir).catch(() => [])) {
    const keyDir = join(cacheDir, entry, 'key');
    const key = decodeURIComponent((await readdir(keyDir).catch(() => []))[0] ?? '');
    if (!key || !key.startsWith(prefix)) continue;
    const time = (await stat(join(cacheDir, entry))).mtimeMs;
    if (!best || time > best.time) best = { folder: join(cacheDir, entry), time };
  }
  return best?.folder;
}

/** Files a path list names: plain paths, folders, and GitHub globs; `!` lines exclude. The workspace is walked once, whatever the number of globs. */
export async function expandPathList(workspace: string, lines: readonly string[]): Promise<string[]> {
  const include = lines.filter((line) => !line.startsWith('!'));
  const exclude = lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1));
  const files = new Set<string>();
  let everything: Promise<string[]> | undefined;
  for (const pattern of include) {
    const absolute = resolve(workspace, expandHome(pattern));
    if (!/[*?[]/.test(pattern)) {
      for (const file of await walk(absolute)) files.add(file);
      continue;
    }
    everything ??= walk(workspace);
    for (const file of await everything) {
      if (matchGlob(pattern.replace(/^\.\//, ''), relative(workspace, file).split(sep).join('/'), 'path')) files.add(file);
    }
  }
  return [...files]
    .filter((file) => !exclude.some((pattern) => matchGlob(pattern.replace(/^\.\//, ''), relative(workspace, file).split(sep).join('/'), 'path')))
    .sort();
}

/** Every file under a path (the path itself when it is a file; nothing when it is missing), `.git` left out. */
async function walk(path: string): Promise<string[]> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats) return [];
  if (!stats.isDirectory()) return [path];
  const files: string[] = [];
  const pending = [path];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    if (folder.endsWith(`${sep}.git`)) continue;
    const entries: Dirent[] = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = join(folder, entry.name);
      if (entry.isDirectory()) pending.push(child);
      else if (entry.isSymbolicLink()) {
        if ((await stat(child).catch(() => undefined))?.isDirectory()) pending.push(child);
        else files.push(child);
      } else files.push(child);
    }
  }
  return files;
}

/** GitHub keeps paths relative to the least common ancestor of what was named. */
function commonRoot(paths: readonly string[]): string {
  const split = paths.map((path) => path.split(sep));
  const first = split[0] ?? [];
  let length = first.length;
  for (const parts of split) {
    let index = 0;
    while (index < length && parts[index] === first[index]) index++;
    length = index;
  }
  return first.slice(0, length).join(sep) || sep;
}

async function uploadArtifact(context: BuiltInContext): Promise<BuiltInResult> {
  const name = context.inputs.name?.trim() || 'artifact';
  if (/[\\/:*?"<>|]/.test(name)) return failed(`artifact name "${name}" contains a character GitHub does not allow`);
  const lines = listInput(context.inputs.path);
  const files = await expandPathList(context.workspace, lines);
  if (files.length === 0) {
    const mode = context.inputs['if-no-files-found']?.trim() || 'warn';
    if (mode === 'error') return failed(`no files were found for ${lines.join(', ')}`);
    context.session.note(`actions/upload-artifact: no files were found for ${lines.join(', ')}; nothing uploaded.`);
    return done({}, 'no files found');
  }
  const target = join(context.artifactsDir, name);
  if ((await exists(target)) && context.inputs.overwrite !== 'true') return failed(`an artifact named "${name}" already exists in this run`);
  await rm(target, { recursive: true, force: true });
  const namedRoots = lines.filter((line) => !line.startsWith('!')).map((line) => resolve(context.workspace, expandHome(line.split(/[*?[]/)[0] ?? '')));
  const isFolder = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() === true;
  const root =
    files.length === 1 && namedRoots.length === 1 && namedRoots[0] === files[0]
      ? dirname(files[0] as string)
      : commonRoot(await Promise.all(namedRoots.map(async (path) => ((await isFolder(path)) ? path : dirname(path)))));
  for (const file of files) {
    const destination = join(target, relative(root, file));
    await mkdir(dirname(destination), { recursive: true });
    await cp(file, destination);
  }
  context.session.note(`actions/upload-artifact: stored ${files.length} file(s) as "${name}" in this run's artifact store.`);
  return done({ 'artifact-id': name }, `${files.length} file(s) stored`);
}

async function downloadArtifact(context: BuiltInContext): Promise<BuiltInResult> {
  const name = context.inputs.name?.trim();
  const into = resolve(context.workspace, expandHome(context.inputs.path?.trim() || '.'));
  const names = name ? [name] : await readdir(context.artifactsDir).catch(() => []);
  if (name && !(await exists(join(context.artifactsDir, name)))) return failed(`no artifact named "${name}" was uploaded earlier in this run`);
  for (const artifact of names) await cp(join(context.artifactsDir, artifact), name ? into : join(into, artifact), { recursive: true, force: true });
  context.session.note(
    `actions/download-artifact: ${names.length === 0 ? 'no artifacts in this run yet' : `extracted ${names.map((n) => `"${n}"`).join(', ')} into ${relative(context.workspace, into) || '.'}`}.`,
  );
  return done({ 'download-path': into });
}
