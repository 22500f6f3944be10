/** The one result type of every pipeline check: the editor, the CLI and the tests all use it. */
export type Severity = 'error' | 'warning' | 'info';

/** 1-based line and column, as editors and SARIF count. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** From `start` up to (not including) `end`. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Set when the fix edits another file (absolute path), e.g. adding a runner label to the config. */
  readonly file?: string;
  /** For a file that does not exist yet: its whole new content (edits are then empty). */
  readonly createWith?: string;
}

/** Another place that explains a finding, e.g. the `template:` line a template was included from. */
export interface RelatedLocation {
  /** Absolute path. */
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
  /** GitHub runs the workflow all the same (a security or deprecation finding): a local run warns instead of refusing. */
  readonly advisory?: boolean;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** File order: by position, then severity, then rule; duplicates (same rule, range, message) dropped. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return [...findings]
    .sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.column - b.range.start.column ||
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.rule.localeCompare(b.rule),
    )
    .filter((finding) => {
      const key = `${finding.rule}|${finding.range.start.line}:${finding.range.start.column}|${finding.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
