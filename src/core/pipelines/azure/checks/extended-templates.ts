/**
 * Which template files may be ones a pipeline `extends`: those a pipeline here extends, and those
 * nothing here references (used from another repository, perhaps through `extends`). Their root
 * may hold a pipeline's content; a template only ever inserted with `- template:` may not.
 */
import { resolveTemplatePath } from '../templates/template-paths';
import { scalarText, valueOf, type ANode } from '../templates/tree';

/** `referenced`: the files some file of `roots` names with `template:` (as validateAzureFiles finds them). */
export function extendedTemplates(
  roots: ReadonlyMap<string, ANode | undefined>,
  referenced: ReadonlySet<string>,
  repositoryRoot: string,
  repositories?: Readonly<Record<string, string>>,
): Set<string> {
  const extended = new Set<string>();
  for (const [file, root] of roots) {
    const written = scalarText(valueOf(valueOf(root, 'extends'), 'template'));
    const target = written && !written.includes('${{') ? resolveTemplatePath(written, file, repositoryRoot, repositories) : undefined;
    if (target?.kind === 'file') extended.add(target.file);
  }
  for (const file of roots.keys()) if (!referenced.has(file)) extended.add(file);
  return extended;
}
