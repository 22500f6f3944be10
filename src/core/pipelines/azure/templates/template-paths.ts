/**
 * Where `template: x` points. Azure DevOps reads a path relative to the file holding the
 * reference, or from the repository root when it starts with `/` or names a repository. `x@self`
 * is read both ways in real repositories (PowerShell's `x.yml@self` beside the including file,
 * Terminal's `./build/x.yml@self` from the root): beside the including file when that file
 * exists, else from the root;
 * `x@alias` another one (resolved only when the project maps the alias to a local folder);
 * backslashes are accepted as separators.
 */
import { posix, resolve, sep } from 'node:path';

export type TemplateTarget =
  | { readonly kind: 'file'; readonly file: string; readonly written: string }
  | { readonly kind: 'remote'; readonly alias: string; readonly written: string }
  | { readonly kind: 'outside'; readonly written: string };

export function resolveTemplatePath(
  written: string,
  fromFile: string,
  repositoryRoot: string,
  repositories: Readonly<Record<string, string>> = {},
  /** The repository root of the file holding the reference (a mapped alias's folder inside it). */
  fromRoot: string = repositoryRoot,
  /** Whether a file exists: lets `x@self` be read beside the including file first. */
  exists?: (file: string) => boolean,
): TemplateTarget {
  const at = written.lastIndexOf('@');
  const alias = at > 0 ? written.slice(at + 1).trim() : undefined;
  const path = (at > 0 ? written.slice(0, at) : written).trim().replace(/\\/g, '/');
  let root = fromRoot;
  if (alias !== undefined && alias.toLowerCase() !== 'self') {
    const mapped = repositories[alias];
    if (mapped === undefined) return { kind: 'remote', alias, written };
    root = mapped;
  }
  const rootPath = resolve(root);
  const isInside = (file: string): boolean => file === rootPath || file.startsWith(rootPath + sep);
  if (alias?.toLowerCase() === 'self' && exists && !path.startsWith('/')) {
    const beside = resolve(posix.dirname(fromFile.replace(/\\/g, '/')), path);
    if (isInside(beside) && exists(beside)) return { kind: 'file', file: beside, written };
  }
  // With a repository (`@self` included) the path is read from that repository's root.
  const base = alias !== undefined || path.startsWith('/') ? root : posix.dirname(fromFile.replace(/\\/g, '/'));
  const file = resolve(base, path.startsWith('/') ? `.${path}` : path);
  return isInside(file) ? { kind: 'file', file, written } : { kind: 'outside', written };
}
