/**
 * Findings of the located tree (Azure templates, GitLab includes) as Shipshape findings: offsets
 * into 1-based ranges, and the `template:` or `include:` lines a finding was found through as
 * related locations ("included from here").
 */
import { resolve } from 'node:path';
import type { Finding, Fix, Position, Range, RelatedLocation } from './finding';
import type { SourceFile } from './yaml/source-file';
import type { Origin } from './yaml/located-tree';
import { editSpan, type AzureFix } from './azure/azure-fixes';

/** What the Azure and GitLab checks report: a place in a file, and the lines that brought it in. */
export interface LocatedFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly origin: Origin;
  /** The including lines, outermost first. */
  readonly via?: readonly Origin[];
  /** Edits that fix it, at the offsets written (azure/azure-fixes.ts, gitlab/gitlab-fixes.ts). */
  readonly fixes?: readonly LocatedFix[];
}

/** A fix as edits at the offsets written: Azure's and GitLab's have the same shape. */
export type LocatedFix = AzureFix;

/** A 1-based position in a text without its parse (for another file's lines). */
export function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

const rangeIn = (text: string, origin: Origin): Range => ({ start: positionIn(text, origin.start), end: positionIn(text, Math.max(origin.end, origin.start)) });

/** Whether an origin is in `path` (both absolute; compared resolved). */
export const isIn = (origin: Origin, path: string): boolean => resolve(origin.file) === resolve(path);

/**
 * The findings of `path` (others are left to their own files), with the via chain as related
 * locations. `read` gives the other files' texts, for their lines.
 */
export function locatedFindingsOf(
  path: string,
  source: SourceFile,
  findings: readonly LocatedFinding[],
  read: (file: string) => string | undefined,
): Finding[] {
  const texts = new Map<string, string | undefined>();
  const textOf = (file: string): string | undefined => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
  const rangeOf = (origin: Origin): Range | undefined => {
    if (isIn(origin, path)) return source.rangeOf(origin.start, Math.max(origin.end, origin.start));
    const text = textOf(origin.file);
    return text === undefined ? undefined : rangeIn(text, origin);
  };
  const out: Finding[] = [];
  for (const finding of findings) {
    if (!isIn(finding.origin, path)) continue;
    const related: RelatedLocation[] = [];
    // Innermost first: the line that included this file, then the one that included that.
    for (const via of [...(finding.via ?? [])].reverse()) {
      const range = rangeOf(via);
      if (range) related.push({ path: via.file, range, message: 'included from here' });
    }
    const fixes = (finding.fixes ?? []).flatMap((fix) => textFix(path, source, fix, textOf));
    out.push({
      rule: finding.rule,
      severity: finding.severity,
      message: finding.message,
      range: source.rangeOf(finding.origin.start, Math.max(finding.origin.end, finding.origin.start)),
      ...(related.length ? { related } : {}),
      ...(fixes.length ? { fixes } : {}),
    });
  }
  return out;
}

/**
 * A fix as text edits of one file: `path`, or another file (`file` set; a stage added to the
 * `stages:` of the file that declares them). None when its edits span files or a file no longer
 * holds what an edit replaces.
 */
function textFix(path: string, source: SourceFile, fix: LocatedFix, read: (file: string) => string | undefined): Fix[] {
  const file = fix.edits[0]?.origin.file;
  if (file === undefined || fix.edits.some((edit) => resolve(edit.origin.file) !== resolve(file))) return [];
  const here = resolve(file) === resolve(path);
  const text = here ? source.text : read(file);
  if (text === undefined) return [];
  const edits = [];
  for (const edit of fix.edits) {
    const span = editSpan(text, edit);
    if (!span) return [];
    const range = here ? source.rangeOf(span.start, span.end) : rangeIn(text, { file, ...span });
    edits.push({ range, newText: edit.newText });
  }
  return [{ title: fix.title, edits, ...(here ? {} : { file }) }];
}
