import { reparseAfterEdit } from './reparse-after-edit';
import { parseSource, type SourceFile } from './source-file';

/** Files validated recently, by path: an editor re-validates the few open files on every change. */
const RECENT_FILES = 8;
const recentSources = new Map<string, SourceFile>();

/**
 * The parsed file for `text`: the last parse of this path when the text is the
 * same, that parse patched when the edit allows it (see reparseAfterEdit), else
 * a fresh parse. Rules only read the document, so one parse may serve twice.
 */
export function parseSourceReusing(text: string, path: string): SourceFile {
  const previous = recentSources.get(path);
  recentSources.delete(path); // a patched parse must never be served from the old entry
  let source: SourceFile;
  if (previous?.text === text) source = previous;
  else source = (previous && patchedOrUndefined(previous, text)) ?? parseSource(text, path);
  recentSources.set(path, source);
  if (recentSources.size > RECENT_FILES) {
    const oldest = recentSources.keys().next().value;
    if (oldest !== undefined) recentSources.delete(oldest);
  }
  return source;
}

function patchedOrUndefined(previous: SourceFile, text: string): SourceFile | undefined {
  try {
    return reparseAfterEdit(previous, text);
  } catch {
    return undefined; // validation never throws: a fresh parse instead
  }
}

/** Forgets every kept parse: the next validation of each file parses from scratch (benchmarks, tests). */
export function forgetParsedSources(): void {
  recentSources.clear();
}
