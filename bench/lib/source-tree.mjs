// Which Shipshape to measure: the working tree (default), or a commit
// exported read-only with `git archive` (`--ref <rev>`), so figures can be
// taken on a committed state while others edit the tree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const git = (projectRoot, args, options = {}) => spawnSync('git', args, { cwd: projectRoot, maxBuffer: 256 * 1024 * 1024, ...options });

/** `--ref <rev>` from argv, or undefined. */
export function refArgument(argv) {
  const index = argv.indexOf('--ref');
  return index >= 0 ? argv[index + 1] : undefined;
}

/** { dir, label }: the folder whose src/ and schemas/ get bundled, and how to name it in results. */
export function sourceTree(projectRoot, ref) {
  const head = git(projectRoot, ['rev-parse', '--short', ref ?? 'HEAD'], { encoding: 'utf8' });
  const commit = head.status === 0 ? head.stdout.trim() : 'unknown';
  if (!ref) {
    // The validator's own folders; the rest of src/ does not reach the bundle.
    const status = git(projectRoot, ['status', '--porcelain', '--', 'src/core/pipelines', 'schemas'], { encoding: 'utf8' });
    const dirty = status.status === 0 && status.stdout.trim() !== '';
    return { dir: projectRoot, label: dirty ? `${commit} + uncommitted changes in src/core/pipelines` : commit };
  }
  if (head.status !== 0) throw new Error(`--ref ${ref}: git does not know this revision`);
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-bench-src-'));
  const archive = git(projectRoot, ['archive', '--format=tar', ref, 'src', 'schemas']);
  const untar = archive.status === 0 ? spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout }) : archive;
  if (untar.status !== 0) throw new Error(`--ref ${ref}: could not export src/ and schemas/ (${String(untar.stderr).trim()})`);
  return { dir, label: commit };
}
