/**
 * Where `template: x` points. Azure DevOps reads a path relative to the file holding the
 * reference, or from the repository root when it starts with `/` or names a repository (`x@self`
 * is this repository's root);
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
  // With a repository (`@self` included) the path is read from that repository's root.
  const base = alias !== undefined || path.startsWith('/') ? root : posix.dirname(fromFile.replace(/\\/g, '/'));
  const file = resolve(base, path.startsWith('/') ? `.${path}` : path);
  const inside = file === resolve(root) || file.startsWith(resolve(root) + sep);
  return inside ? { kind: 'file', file, written } : { kind: 'outside', written };
}
