/**
 * What a pipeline's resources allow: `${{ }}` only where Azure DevOps expands it (not in triggers,
 * nor in resources other than containers: "Expressions are only expanded for stages, jobs, steps,
 * and containers"), and the repositories that checkouts and `template: x@alias` name, declared in
 * `resources.repositories`. Pure.
 */
import type { AzurePipelineModel } from '../pipeline-model';
import { UNDECIDED_NOTE, type Expansion } from '../templates/expand';
import { keyText, valueOf, type AEntry, type ANode, type AScalar } from '../templates/tree';
import type { AzureCheckFinding } from './graph';

const NOT_EXPANDED = 'A template expression is not allowed in this context:';

/** Every scalar (keys included) holding `${{` under `node`. */
function compileExpressions(node: ANode, out: AScalar[], depth: number): void {
  if (depth > 60) return;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string' && node.value.includes('${{')) out.push(node);
  } else if (node.kind === 'seq') for (const item of node.items) compileExpressions(item, out, depth + 1);
  else
    for (const entry of node.entries) {
      compileExpressions(entry.key, out, depth + 1);
      compileExpressions(entry.value, out, depth + 1);
    }
}

/**
 * The parts of a resource kind read before templates are expanded: all of it, except a repository's
 * `ref` ("Template expressions are supported for the ref property (but not the name property)",
 * Microsoft's resources.repositories.repository reference, Azure DevOps 2022.1 on).
 */
function readBeforeExpansion(kind: AEntry): ANode[] {
  if (keyText(kind) !== 'repositories' || kind.value.kind !== 'seq') return [kind.value];
  return kind.value.items.flatMap((item) =>
    item.kind === 'map' ? item.entries.filter((field) => keyText(field) !== 'ref').flatMap((field) => [field.key, field.value]) : [item],
  );
}

/** `${{ }}` in the pipeline file's `trigger`, `pr` and non-container `resources`, as written (before expansion). */
export function checkExpressionPlacement(written: ANode | undefined): AzureCheckFinding[] {
  if (written?.kind !== 'map') return [];
  const found: { scalar: AScalar; why: string }[] = [];
  for (const entry of written.entries) {
    const key = keyText(entry);
    const places =
      key === 'trigger' || key === 'pr'
        ? [entry.value]
        : key === 'resources' && entry.value.kind === 'map'
          ? entry.value.entries.filter((kind) => keyText(kind) !== 'containers').flatMap((kind) => [kind.key, ...readBeforeExpansion(kind)])
          : [];
    const why =
      key === 'resources' ? 'resources other than containers are read before templates are expanded.' : 'triggers are read before templates are expanded.';
    for (const place of places) {
      const scalars: AScalar[] = [];
      compileExpressions(place, scalars, 0);
      for (const scalar of scalars) found.push({ scalar, why });
    }
  }
  return found.map(({ scalar, why }) => ({ rule: 'azure-expression', severity: 'error', message: `${NOT_EXPANDED} ${why}`, origin: scalar.origin }));
}

/**
 * The aliases `resources.repositories` declares in the expanded pipeline (lower case: matched
 * without regard to case), or undefined when one is not known offline.
 */
export function declaredRepositories(root: ANode | undefined): Set<string> | undefined {
  const declared = new Set<string>();
  if (root?.kind !== 'map') return declared;
  for (const entry of root.entries) {
    if (entry.key.unknown) return undefined;
    if (keyText(entry) !== 'resources') continue;
    const resources = entry.value;
    if (resources.kind !== 'map') continue;
    if (resources.entries.some((kind) => kind.key.unknown || kind.key.undecided)) return undefined;
    const repositories = valueOf(resources, 'repositories');
    if (!repositories || (repositories.kind === 'scalar' && repositories.value === null)) continue;
    if (repositories.kind !== 'seq') return undefined;
    for (const item of repositories.items) {
      const alias = item.kind === 'map' ? valueOf(item, 'repository') : undefined;
      if (alias?.kind !== 'scalar' || alias.unknown || typeof alias.value !== 'string' || alias.value.includes('$')) return undefined;
      declared.add(alias.value.trim().toLowerCase());
    }
  }
  return declared;
}

const CHECKOUT_WORDS = new Set(['self', 'none']);

/** Checkouts and template references naming a repository the pipeline does not declare. */
export function checkRepositoryReferences(
  expansion: Pick<Expansion, 'root' | 'repositoryReferences' | 'extendsNotFollowed'>,
  model: AzurePipelineModel,
): AzureCheckFinding[] {
  // A template extended but not read may declare more repositories.
  const declared = expansion.extendsNotFollowed ? undefined : declaredRepositories(expansion.root);
  if (!declared) return [];
  const out: AzureCheckFinding[] = [];
  const report = (alias: string, origin: AScalar['origin'], via: AScalar['via'], undecided: boolean, what: string): void => {
    const message = `Repository '${alias}' is not declared in resources.repositories: ${what}`;
    out.push({
      rule: 'azure-resources',
      severity: undecided ? 'warning' : 'error',
      message: undecided ? `${message}${UNDECIDED_NOTE}` : message,
      origin,
      ...(via && via.length > 0 ? { via } : {}),
    });
  };
  for (const stage of model.stages)
    for (const job of stage.jobs)
      for (const step of job.steps) {
        if (step.kind !== 'checkout') continue;
        const value = valueOf(step.node, 'checkout');
        if (value?.kind !== 'scalar' || value.unknown || typeof value.value !== 'string' || value.value.includes('$')) continue;
        // The inline form (`git://project/repository@ref`) needs no resource.
        const name = value.value.trim();
        if (name.includes('://') || CHECKOUT_WORDS.has(name.toLowerCase())) continue;
        const alias = name.split('@')[0] ?? name;
        if (declared.has(alias.toLowerCase())) continue;
        report(
          alias,
          value.origin,
          value.via,
          stage.undecided || job.undecided || step.undecided,
          'a checkout names self, none, a declared repository or git://project/repository.',
        );
      }
  for (const reference of expansion.repositoryReferences)
    if (!declared.has(reference.alias.toLowerCase()))
      report(reference.alias, reference.origin, reference.via, reference.undecided, 'a template@repository names a declared repository (or self).');
  return out;
}
