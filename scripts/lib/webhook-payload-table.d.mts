/** A compact payload shape: "s" | "n" | "b" | "?" | "@def", [shape] for a list, {key: shape} for an object ("*": open). */
export type Shape = string | [Shape] | { [key: string]: Shape };
export const WORKFLOW_EVENTS: readonly string[];
export const WORKFLOW_EVENT_ALIASES: Readonly<Record<string, string>>;
export const DOCUMENTED_ADDITIONS: Readonly<Record<string, Record<string, Shape>>>;
/** Definitions keyed `<event>$<action>` and common names, from a folder's files (path relative to it -> parsed JSON). */
export function definitionsFrom(files: Readonly<Record<string, unknown>>): Record<string, unknown>;
export function unionShapes(a: Shape | undefined, b: Shape | undefined, resolve?: (shape: Shape) => Shape): Shape | undefined;
export function buildPayloadTable(definitions: Readonly<Record<string, unknown>>): { events: Record<string, Shape>; defs: Record<string, Shape> };
