import type { Document } from 'yaml';
import { isMap, isPair, isScalar } from './yaml/identity';
import { scalarText } from './yaml/nodes';
import { classifyPipelinePath, type PipelineKind } from './pipeline-kind';

/**
 * The kind of a file: by path first; a YAML file elsewhere counts as a
 * workflow only when its top level has both `on` and `jobs`. Anything else
 * is not a pipeline, and nothing is reported on it.
 */
export function detectKind(relativePath: string, doc: Document | undefined): PipelineKind | undefined {
  const byPath = classifyPipelinePath(relativePath);
  if (byPath) return byPath;
  if (!/\.ya?ml$/i.test(relativePath) || !doc || !isMap(doc.contents)) return undefined;
  const keys = new Set(doc.contents.items.filter(isPair).map((pair) => (isScalar(pair.key) ? scalarText(pair.key) : '')));
  return keys.has('on') && keys.has('jobs') ? 'github-workflow' : undefined;
}
