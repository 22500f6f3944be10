// Types of scripts/popular-actions.mjs for the unit tests.
export interface ActionInput {
  required: boolean;
  hasDefault: boolean;
  deprecationMessage?: string;
}
export interface MajorRecord {
  using: string;
  inputs: Record<string, ActionInput>;
  outputs: string[];
  inputsComplete: boolean;
  outputsComplete: boolean;
  source: string;
}
export interface ActionTable {
  description: string;
  actions: Record<string, { latest: string; majors: Record<string, MajorRecord> }>;
}
/** One manifest row: which action and major a cached file is, and where it was read. */
export interface FetchedFile {
  action: string;
  major: string;
  repository: string;
  path: string;
  commit?: string;
  tag?: string;
  note?: string;
  /** Why the action sets outputs its file does not declare: its outputs stay open. */
  undeclaredOutputs?: string;
  /** The file is a typed binding generated from the action.yml of `version`, not the action.yml. */
  format?: 'github-actions-workflow-ts';
  version?: string;
  /** The runtime, for a binding (which does not state it). */
  using?: string;
}
export const DATA_PATH: string;
export const MANIFEST_PATH: string;
export const CACHE_DIR: string;
export function cacheFileName(action: string, major: string): string;
export function describeSource(file: FetchedFile): string;
export function entryFromActionYml(text: string, file: FetchedFile): MajorRecord;
export function entryFromBinding(text: string, file: FetchedFile): MajorRecord;
export function mergeEntries(table: ActionTable, refreshed: readonly { action: string; major: string; entry: MajorRecord }[]): ActionTable;
export function formatTable(table: ActionTable): string;
export function refreshFromCache(
  table: ActionTable,
  manifest: { files: readonly FetchedFile[] },
  cacheDir: string,
): { table: ActionTable; refreshed: { action: string; major: string; entry: MajorRecord }[]; missing: FetchedFile[] };
