import type { Scalar } from 'yaml';
import { isScalar } from '../yaml/identity';
import { get, keyText, pairsOf } from '../yaml/nodes';
import type { RuleContext } from '../rule';
import type { Place } from './expression-places';
import { jobsOf, stepsOf } from './workflow-nodes';

/**
 * The keys with a `${{ }}` that GitHub evaluates: names of environment variables (workflow, job,
 * step, container and service `env`) and of a step's `with` inputs. GitHub reads them with the
 * contexts of their mapping, so each place has the path its value has (`['env', 'NAME']`) and is
 * checked against the same row of the availability table. Only these mappings are visited.
 */
export function evaluatedKeyPlaces(context: RuleContext): Place[] {
  const { doc } = context.source;
  const places: Place[] = [];
  const visit = (map: unknown, path: readonly (string | number)[]): void => {
    for (const pair of pairsOf(doc, map)) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string' || !key.value.includes('${{')) continue;
      places.push({ node: key as Scalar, path: [...path, keyText(pair)] });
    }
  };
  visit(get(doc, doc.contents, 'env'), ['env']);
  for (const job of jobsOf(context)) {
    const base = ['jobs', job.id];
    visit(get(doc, job.map, 'env'), [...base, 'env']);
    visit(get(doc, get(doc, job.map, 'container'), 'env'), [...base, 'container', 'env']);
    for (const pair of pairsOf(doc, get(doc, job.map, 'services'))) {
      visit(get(doc, pair.value, 'env'), [...base, 'services', keyText(pair), 'env']);
    }
    for (const step of stepsOf(context, job)) {
      visit(get(doc, step.map, 'env'), [...base, 'steps', step.index, 'env']);
      visit(get(doc, step.map, 'with'), [...base, 'steps', step.index, 'with']);
    }
  }
  return places;
}
