import { join } from 'node:path';
import { parsedValue } from '../yaml/parsed-value';
import { sameRepositoryPath } from './same-repository';

/** What a caller needs to know of an action: its inputs and outputs. */
export interface ActionMetadata {
  readonly inputs: ReadonlyMap<string, { readonly required: boolean; readonly hasDefault: boolean; readonly deprecationMessage?: string }>;
  readonly outputs: ReadonlySet<string>;
  /** The `uses: ./path` of a composite action's steps, as written. */
  readonly localUses: readonly string[];
  /** `runs.using` in lower case (`node20`, `composite`, `docker`), when the file says it. */
  readonly using?: string;
}

/** GitHub's runner refuses to nest composite actions deeper than this (its CompositeActionsMaxDepth is 9, counted from 0). */
export const MAX_COMPOSITE_DEPTH = 10;

/**
 * Follows `uses: ./path` from a local action through the composite actions
 * it uses: the chain to a loop (an action reached again) or to a nesting
 * deeper than GitHub allows; undefined when neither is there.
 */
export function compositeProblem(
  start: string,
  root: string,
  readFile: (path: string) => string | undefined,
): { readonly chain: readonly string[]; readonly loop: boolean } | undefined {
  const clean = new Set<string>(); // reached, with no problem below
  const visit = (uses: string, chain: readonly string[]): { chain: readonly string[]; loop: boolean } | undefined => {
    const key = join(root, uses);
    const here = [...chain, uses];
    if (chain.some((seen) => join(root, seen) === key)) return { chain: here, loop: true };
    if (here.length > MAX_COMPOSITE_DEPTH) return { chain: here, loop: false };
    if (clean.has(key)) return undefined;
    for (const next of readLocalAction(key, readFile)?.localUses ?? []) {
      const found = visit(next, here);
      if (found) return found;
    }
    clean.add(key);
    return undefined;
  };
  return visit(start, []);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parsed metadata by file content: a workflow using one local action in 40 steps parses it once. */
const parsedByText = new Map<string, ActionMetadata | undefined>();
const CACHE_LIMIT = 256;

/** Reads `<dir>/action.yml` (or .yaml) through `readFile`; undefined when absent or unreadable. */
export function readLocalAction(dir: string, readFile: (path: string) => string | undefined): ActionMetadata | undefined {
  let path = join(dir, 'action.yml');
  let text = readFile(path);
  if (text === undefined) text = readFile((path = join(dir, 'action.yaml')));
  if (text === undefined) return undefined;
  if (parsedByText.has(text)) return parsedByText.get(text);
  const metadata = parseActionMetadata(text, path);
  if (parsedByText.size >= CACHE_LIMIT) parsedByText.delete(parsedByText.keys().next().value as string);
  parsedByText.set(text, metadata);
  return metadata;
}

function parseActionMetadata(text: string, path: string): ActionMetadata | undefined {
  let raw: unknown;
  try {
    // yaml's parse with its defaults (a repeated key is an error, `<<` a plain key), through the parse the action's own check shares.
    raw = parsedValue(text, path, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isRecord(raw)) return undefined;
  const inputs = new Map<string, { required: boolean; hasDefault: boolean; deprecationMessage?: string }>();
  if (isRecord(raw.inputs)) {
    for (const [name, spec] of Object.entries(raw.inputs)) {
      const input = isRecord(spec) ? spec : {};
      const deprecation = typeof input.deprecationMessage === 'string' ? { deprecationMessage: input.deprecationMessage } : {};
      inputs.set(name.toLowerCase(), {
        required: input.required === true || input.required === 'true',
        hasDefault: input.default !== undefined,
        ...deprecation,
      });
    }
  }
  const outputs = new Set(isRecord(raw.outputs) ? Object.keys(raw.outputs).map((name) => name.toLowerCase()) : []);
  const steps = isRecord(raw.runs) && raw.runs.using === 'composite' && Array.isArray(raw.runs.steps) ? raw.runs.steps : [];
  const localUses = steps.flatMap((step: unknown) => {
    const local = isRecord(step) && typeof step.uses === 'string' ? sameRepositoryPath(step.uses.trim()) : undefined;
    return local && local !== '.' ? [local] : [];
  });
  const using = isRecord(raw.runs) && typeof raw.runs.using === 'string' ? { using: raw.runs.using.toLowerCase() } : {};
  return { inputs, outputs, localUses, ...using };
}

/** Forgets every kept local action's metadata (cold measurements: see cross-file-caches.ts). */
export function forgetLocalActions(): void {
  parsedByText.clear();
}
