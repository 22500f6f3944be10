/**
 * Parsed GitLab files kept across validations: in the editor an edit re-parses the edited file
 * only, not the configuration that includes it nor its other includes (a 1,300-line file of
 * omnibus-gitlab is checked through a `.gitlab-ci.yml` that merges 3,100 lines). A parse is
 * immutable (merges build new nodes) and depends on the path and text alone.
 */
import { parseSourceReusing } from '../yaml/source-cache';
import { parseGitLabFile, type GitLabFile } from './gitlab-file';
import { composeHeaderAndConfiguration } from './header-documents';

/** Bounds: a few large repositories' files (the 214-file corpus holds 0.4 MB). */
const MAX_FILES = 400;
const MAX_CHARACTERS = 4_000_000;

const kept = new Map<string, GitLabFile>();
let characters = 0;

/** The parse of `text` at `file`: kept when the text is the same. */
export function parsedGitLabFile(file: string, text: string): GitLabFile {
  const known = kept.get(file);
  if (known?.text === text) {
    kept.delete(file); // most recently used last
    kept.set(file, known);
    return known;
  }
  // parseSource's faster paths: its own composer for plain block YAML, a patch of the last parse after
  // an edit; a file with a `spec:` header is two documents, which the composer builds one at a time.
  const parsed = parseGitLabFile(file, text, composeHeaderAndConfiguration(text) ?? parseSourceReusing(text, file).doc, known);
  if (known) {
    kept.delete(file);
    characters -= known.text.length;
  }
  if (text.length > MAX_CHARACTERS / 4) return parsed;
  kept.set(file, parsed);
  characters += text.length;
  for (const [oldest, old] of kept) {
    if (kept.size <= MAX_FILES && characters <= MAX_CHARACTERS) break;
    kept.delete(oldest);
    characters -= old.text.length;
  }
  return parsed;
}

/** Forgets every kept parse (benchmarks measuring a fresh process, tests). */
export function forgetParsedGitLabFiles(): void {
  kept.clear();
  characters = 0;
}
