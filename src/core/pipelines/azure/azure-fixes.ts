/**
 * Fixes for Azure findings as edits at the offsets a person wrote (origins), made where the
 * finding is found; `azureFindingsOf` turns them into text edits of the file. Pure.
 */
import { closestName } from '../expressions/suggest';
import type { AEntry, AScalar, Origin } from './templates/tree';

export interface AzureEdit {
  /** The span replaced (start === end inserts). */
  readonly origin: Origin;
  readonly newText: string;
  /**
   * The text the span must hold for the edit to apply (quotes aside): a name computed from a
   * parameter or an `${{ each }}` was not written there, so it has no edit.
   */
  readonly replaces?: string;
}

export interface AzureFix {
  readonly title: string;
  readonly edits: readonly AzureEdit[];
}

/** Replace a written name by another (a key, a `dependsOn` entry, a stage or job name). */
export function renameFix(title: string, node: AScalar, to: string): AzureFix {
  return { title, edits: [{ origin: node.origin, newText: to, replaces: String(node.value) }] };
}

/** "Change to 'x'" when `name` is a likely typo of one of `candidates`. */
export function didYouMeanFix(node: AScalar, candidates: Iterable<string>): AzureFix[] {
  const close = closestName(String(node.value), candidates);
  return close ? [renameFix(`Change to '${close}'`, node, close)] : [];
}

/** A duplicate `name`: the first free `name_2`, `name_3`… among `taken` (compared ignoring case, as Azure does). */
export function uniqueNameFix(node: AScalar, taken: Iterable<string>): AzureFix {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  const base = String(node.value);
  let suffix = 2;
  while (used.has(`${base}_${suffix}`.toLowerCase())) suffix++;
  return renameFix(`Rename to '${base}_${suffix}'`, node, `${base}_${suffix}`);
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number): number => {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
};

/**
 * Adds `name: ` under the reference's `parameters:` (adding that key when there is none), in
 * block style at the indentation the reference uses. None for flow style (`parameters: { }`),
 * which a person edits better by hand.
 */
export function missingParameterFix(text: string, template: AEntry, parameters: AEntry | undefined, name: string): AzureFix | undefined {
  const file = template.key.origin.file;
  const keyStart = template.key.origin.start;
  const column = keyStart - lineStart(text, keyStart);
  const insert = (at: number, newText: string): AzureFix => ({
    title: `Add the '${name}' parameter`,
    edits: [{ origin: { file, start: at, end: at }, newText }],
  });
  const pad = (width: number): string => ' '.repeat(width);
  if (!parameters) {
    if (text.slice(template.value.origin.start, template.value.origin.end).includes('\n')) return undefined;
    return insert(lineEnd(text, template.value.origin.start), `\n${pad(column)}parameters:\n${pad(column + 2)}${name}: `);
  }
  const value = parameters.value;
  if (value.kind === 'scalar' && value.value === null) return insert(lineEnd(text, parameters.key.origin.start), `\n${pad(column + 2)}${name}: `);
  if (value.kind !== 'map' || text[value.origin.start] === '{') return undefined;
  const first = value.entries[0];
  if (!first || first.key.origin.file !== file) return undefined;
  const firstLine = lineStart(text, first.key.origin.start);
  // The first entry must start its own line (block style), so the new one goes at its indentation above it.
  if (text.slice(firstLine, first.key.origin.start).trim() !== '') return undefined;
  return insert(firstLine, `${pad(first.key.origin.start - firstLine)}${name}: \n`);
}

/** The edit's span in `text` when it still holds what the edit replaces (inside quotes too), else undefined. */
export function editSpan(text: string, edit: AzureEdit): { start: number; end: number } | undefined {
  const { start, end } = edit.origin;
  if (edit.replaces === undefined) return { start, end };
  const written = text.slice(start, end);
  if (written === edit.replaces) return { start, end };
  if (written.length === edit.replaces.length + 2 && /^(['"]).*\1$/s.test(written) && written.slice(1, -1) === edit.replaces)
    return { start: start + 1, end: end - 1 };
  return undefined;
}
