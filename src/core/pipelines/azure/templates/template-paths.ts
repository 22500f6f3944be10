/**
 * Where `template: x` points. Azure DevOps reads a path relative to the file holding the
 * reference, or from the repository root when it starts with `/` or names a repository. `x@self`
 * is read both ways in real repositories (PowerShell's `x.yml@self` beside the including file,
 * Terminal's `./build/x.yml@self` from the root): beside the including file when that file
 * exists, else from the root;
 * `x@alias` another one (resolved only when the project maps the alias to a local folder);
 * backslashes are accepted as separators.
 */
import { isAbsolute, posix, resolve, sep } from 'node:path';
import { keep, keptResults } from './kept-results';

export type TemplateTarget =
  | { readonly kind: 'file'; readonly file: string; readonly written: string }
  | { readonly kind: 'remote'; readonly alias: string; readonly written: string }
  | { readonly kind: 'outside'; readonly written: string };

export function resolveTemplatePath(
  written: string,
  fromFile: string,
  repositoryRoot: string,
  repositories: Readonly<Record<string, string>> = NO_REPOSITORIES,
  /** The repository root of the file holding the reference (a mapped alias's folder inside it). */
  fromRoot: string = repositoryRoot,
  /** Whether a file exists: lets `x@self` be read beside the including file first. */
  exists?: (file: string) => boolean,
): TemplateTarget {
  let id = repositoryIds.get(repositories);
  if (id === undefined) repositoryIds.set(repositories, (id = Object.values(repositories).every((folder) => isAbsolute(folder)) ? ++repositoryMaps : 0));
  // A relative path would be read from the working folder, which may change: only absolute ones are kept.
  if (id === 0 || !isAbsolute(fromRoot) || !isAbsolute(fromFile)) return targetOf(resolution(written, fromFile, repositories, fromRoot), written, exists);
  // Kept by file, then by text (no key built per call: the strings are the parse's, their hashes kept).
  let byText = resolved.get(fromFile);
  if (!byText) byText = keep(resolved, fromFile, new Map<string, KeptResolution[]>());
  let kept = byText.get(written);
  if (!kept) byText.set(written, (kept = []));
  let found = kept.find((candidate) => candidate.id === id && candidate.fromRoot === fromRoot)?.resolution;
  if (!found) kept.push({ id, fromRoot, resolution: (found = resolution(written, fromFile, repositories, fromRoot)) });
  return targetOf(found, written, exists);
}

function targetOf(found: Resolution, written: string, exists: ((file: string) => boolean) | undefined): TemplateTarget {
  return found.beside !== undefined && exists?.(found.beside) ? { kind: 'file', file: found.beside, written } : found.target;
}

const NO_REPOSITORIES: Readonly<Record<string, string>> = {};

/** Where a path points, kept per text and file (a repository's references repeat): `beside` is the `x@self` reading to try first. */
interface Resolution {
  readonly target: TemplateTarget;
  readonly beside?: string;
}
interface KeptResolution {
  readonly id: number;
  readonly fromRoot: string;
  readonly resolution: Resolution;
}
const resolved = keptResults<string, Map<string, KeptResolution[]>>();
/** The repository maps seen, numbered (0: one with a relative folder, never kept): the same paths resolve differently with another map. */
const repositoryIds = new WeakMap<Readonly<Record<string, string>>, number>();
let repositoryMaps = 0;

function resolution(written: string, fromFile: string, repositories: Readonly<Record<string, string>>, fromRoot: string): Resolution {
  const at = written.lastIndexOf('@');
  const alias = at > 0 ? written.slice(at + 1).trim() : undefined;
  const path = (at > 0 ? written.slice(0, at) : written).trim().replace(/\\/g, '/');
  let root = fromRoot;
  if (alias !== undefined && alias.toLowerCase() !== 'self') {
    const mapped = repositories[alias];
    if (mapped === undefined) return { target: { kind: 'remote', alias, written } };
    root = mapped;
  }
  const rootPath = resolve(root);
  const isInside = (file: string): boolean => file === rootPath || file.startsWith(rootPath + sep);
  let beside: string | undefined;
  if (alias?.toLowerCase() === 'self' && !path.startsWith('/')) {
    const candidate = resolve(posix.dirname(fromFile.replace(/\\/g, '/')), path);
    if (isInside(candidate)) beside = candidate;
  }
  // With a repository (`@self` included) the path is read from that repository's root.
  const base = alias !== undefined || path.startsWith('/') ? root : posix.dirname(fromFile.replace(/\\/g, '/'));
  const file = resolve(base, path.startsWith('/') ? `.${path}` : path);
  const target: TemplateTarget = isInside(file) ? { kind: 'file', file, written } : { kind: 'outside', written };
  return beside === undefined ? { target } : { target, beside };
}
