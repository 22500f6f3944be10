import { join } from 'node:path';
import { parsedValue } from '../yaml/parsed-value';
import { sameRepositoryPath } from './same-repository';

/** One input of a reusable workflow (`on.workflow_call.inputs.<name>`). */
export interface WorkflowCallInput {
  /** As written in the callee. */
  readonly name: string;
  readonly type: string | undefined;
  readonly required: boolean;
  readonly hasDefault: boolean;
}

export interface WorkflowCallSecret {
  readonly name: string;
  readonly required: boolean;
}

/**
 * What a caller needs to know of a reusable workflow. Maps are keyed by the
 * lower-case name (GitHub compares these names case-insensitively); a field
 * is undefined when the callee writes it in a form we cannot read statically.
 */
export interface WorkflowCallSpec {
  readonly inputs: ReadonlyMap<string, WorkflowCallInput> | undefined;
  readonly secrets: ReadonlyMap<string, WorkflowCallSecret> | undefined;
  readonly outputs: ReadonlySet<string> | undefined;
}

export type ReusableWorkflow =
  | { readonly status: 'missing' }
  /** Not YAML, or not a mapping: the file's own check reports that. */
  | { readonly status: 'unreadable' }
  /** Readable, but `on:` has no `workflow_call`. */
  | { readonly status: 'not-callable' }
  | { readonly status: 'callable'; readonly spec: WorkflowCallSpec };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and summarises a local reusable workflow through `readFile`. Never throws. */
export function readReusableWorkflow(absolutePath: string, readFile: (path: string) => string | undefined): ReusableWorkflow {
  let text: string | undefined;
  try {
    text = readFile(absolutePath);
  } catch {
    text = undefined;
  }
  if (text === undefined) return { status: 'missing' };
  const known = parsed.get(text);
  if (known) return known;
  const result = summarise(text, absolutePath);
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
  parsed.set(text, result);
  return result;
}

/** Callees by content: type checking asks for the same callee once per `needs` expression. */
const parsed = new Map<string, ReusableWorkflow>();
const PARSED_LIMIT = 64;

function summarise(text: string, path: string): ReusableWorkflow {
  let raw: unknown;
  try {
    raw = parsedValue(text, path, { maxAliasCount: 100, uniqueKeys: false, merge: true });
  } catch {
    return { status: 'unreadable' };
  }
  if (!isRecord(raw)) return { status: 'unreadable' };
  const on = raw.on;
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on : isRecord(on) ? Object.keys(on) : [];
  if (!triggers.includes('workflow_call')) return { status: 'not-callable' };
  return { status: 'callable', spec: specOf(isRecord(on) ? on.workflow_call : undefined) };
}

/** The spec of the callee a job's `uses:` names, when it is a readable local reusable workflow. */
export function localCalleeSpec(root: string, uses: string, readFile: (path: string) => string | undefined): WorkflowCallSpec | undefined {
  const local = sameRepositoryPath(uses);
  if (!local || uses.includes('@') || uses.includes('${{')) return undefined;
  const callee = readReusableWorkflow(join(root, local), readFile);
  return callee.status === 'callable' ? callee.spec : undefined;
}

function specOf(trigger: unknown): WorkflowCallSpec {
  const section = isRecord(trigger) ? trigger : {};
  return {
    inputs: entries(section.inputs, (name, value) => ({
      name,
      type: typeof value.type === 'string' ? value.type : undefined,
      required: value.required === true,
      hasDefault: value.default !== undefined && value.default !== null,
    })),
    secrets: entries(section.secrets, (name, value) => ({ name, required: value.required === true })),
    outputs:
      section.outputs === undefined || section.outputs === null
        ? new Set()
        : isRecord(section.outputs)
          ? new Set(Object.keys(section.outputs).map((name) => name.toLowerCase()))
          : undefined,
  };
}

/** A mapping section as a lower-case keyed map; empty when absent, undefined when not a mapping. */
function entries<T>(section: unknown, read: (name: string, value: Record<string, unknown>) => T): Map<string, T> | undefined {
  if (section === undefined || section === null) return new Map();
  if (!isRecord(section)) return undefined;
  return new Map(Object.entries(section).map(([name, value]) => [name.toLowerCase(), read(name, isRecord(value) ? value : {})]));
}

/** Forgets every kept callee summary (cold measurements: see cross-file-caches.ts). */
export function forgetReusableWorkflows(): void {
  parsed.clear();
}
