import { join } from 'node:path';
import { parse } from 'yaml';

/** What a caller needs to know of an action: its inputs and outputs. */
export interface ActionMetadata {
  readonly inputs: ReadonlyMap<string, { readonly required: boolean; readonly hasDefault: boolean; readonly deprecationMessage?: string }>;
  readonly outputs: ReadonlySet<string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads `<dir>/action.yml` (or .yaml) through `readFile`; undefined when absent or unreadable. */
export function readLocalAction(dir: string, readFile: (path: string) => string | undefined): ActionMetadata | undefined {
  const text = readFile(join(dir, 'action.yml')) ?? readFile(join(dir, 'action.yaml'));
  if (text === undefined) return undefined;
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
