import { join } from 'node:path';
import { parse } from 'yaml';

/** What a caller needs to know of an action: its inputs and outputs. */
export interface ActionMetadata {
  readonly inputs: ReadonlyMap<string, { readonly required: boolean; readonly hasDefault: boolean; readonly deprecationMessage?: string }>;
  readonly outputs: ReadonlySet<string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parsed metadata by file content: a workflow using one local action in 40 steps parses it once. */
const parsedByText = new Map<string, ActionMetadata | undefined>();
const CACHE_LIMIT = 256;

/** Reads `<dir>/action.yml` (or .yaml) through `readFile`; undefined when absent or unreadable. */
export function readLocalAction(dir: string, readFile: (path: string) => string | undefined): ActionMetadata | undefined {
  const text = readFile(join(dir, 'action.yml')) ?? readFile(join(dir, 'action.yaml'));
  if (text === undefined) return undefined;
  if (parsedByText.has(text)) return parsedByText.get(text);
  const metadata = parseActionMetadata(text);
  if (parsedByText.size >= CACHE_LIMIT) parsedByText.delete(parsedByText.keys().next().value as string);
  parsedByText.set(text, metadata);
  return metadata;
}

function parseActionMetadata(text: string): ActionMetadata | undefined {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isRecord(raw)) return undefined;
  const inputs = new Map<string, { required: boolean; hasDefault: boolean; deprecationMessage?: string }>();
  if (isRecord(raw.inputs)) {
    for (const [name, spec] of Object.entries(raw.inputs)) {
      const input = isRecord(spec) ? spec : {};
      const deprecation = typeof input.deprecationMessage === 'string' ? { deprecationMessage: input.deprecationMessage } : {};
      inputs.set(name.toLowerCase(), { required: input.required === true || input.required === 'true', hasDefault: input.default !== undefined, ...deprecation });
    }
  }
  const outputs = new Set(isRecord(raw.outputs) ? Object.keys(raw.outputs).map((name) => name.toLowerCase()) : []);
  return { inputs, outputs };
}
