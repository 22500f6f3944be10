/**
 * Parsed Azure files kept across expansions: `shipshape lint` expands every pipeline of a
 * repository and checks each template on its own too, so one template is read into the tree
 * once per run instead of once per pipeline using it; in the editor, an edit re-parses the edited
 * file only, not its templates. A parse is immutable and depends on the path and text alone.
 */
import type { SourceFile } from '../../yaml/source-file';
import { forgetKeptResults } from './kept-results';
import { parseTemplateFile, type ParsedTemplateFile } from './tree';

/** Bounds: a few large repositories' files (the 425-file corpus's largest repository holds ~0.5 MB). */
const MAX_FILES = 400;
const MAX_CHARACTERS = 4_000_000;

const kept = new Map<string, ParsedTemplateFile>();
let characters = 0;

/** The parse of `text` at `file`: kept when the text is the same; `source` is a parse of the same text to build on. */
export function parsedTemplateFile(file: string, text: string, source?: SourceFile): ParsedTemplateFile {
  const known = kept.get(file);
  if (known?.source.text === text) {
    kept.delete(file); // most recently used last
    kept.set(file, known);
    return known;
  }
  const parsed = parseTemplateFile(file, text, source?.text === text ? source : undefined);
  if (known) {
    kept.delete(file);
    characters -= known.source.text.length;
  }
  if (text.length > MAX_CHARACTERS / 4) return parsed;
  kept.set(file, parsed);
  characters += text.length;
  for (const [oldest, old] of kept) {
    if (kept.size <= MAX_FILES && characters <= MAX_CHARACTERS) break;
    kept.delete(oldest);
    characters -= old.source.text.length;
  }
  return parsed;
}

/** The kept parse of `file` if its text is `text`. */
export function keptTemplateSource(file: string, text: string): SourceFile | undefined {
  const known = kept.get(file);
  return known?.source.text === text ? known.source : undefined;
}

/** Forgets every kept parse, and the results kept with them (kept-results.ts) (benchmarks measuring a fresh process, tests). */
export function forgetParsedTemplates(): void {
  kept.clear();
  characters = 0;
  forgetKeptResults();
}
