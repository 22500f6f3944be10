/**
 * A component or template file's two documents (its `spec:` header, `---`, its configuration)
 * built by the fast composer, which reads one document at a time: the header from the text before
 * the `---` line, the configuration from the whole text with the header blanked out (spaces, line
 * breaks kept), so every offset is the file's own. yaml's parseAllDocuments would take ten times
 * as long on the largest files (omnibus-gitlab's 35 kB configurations have such a header).
 */
import type { Document } from 'yaml';
import { composeDocumentOrUndefined } from '../yaml/fast/fast-document';
import { PARSE_OPTIONS } from '../yaml/source-file';

/** A `---` line, alone or with a comment after it. */
const SEPARATOR = /^---[ ]*(?:#[^\n]*)?$/gm;

/** Both documents, or undefined when the text is not a header and a configuration the composer builds. */
export function composeHeaderAndConfiguration(text: string): [Document.Parsed, Document.Parsed] | undefined {
  const separators = [...text.matchAll(SEPARATOR)];
  if (separators.length !== 1) return undefined;
  const at = (separators[0] as RegExpMatchArray).index ?? 0;
  const before = text.slice(0, at);
  // The header must hold something: a file that only starts with `---` is one document.
  if (!/^[^#\s]/m.test(before)) return undefined;
  const header = composeDocumentOrUndefined(before, PARSE_OPTIONS);
  if (!header) return undefined;
  const configuration = composeDocumentOrUndefined(before.replace(/[^\n]/g, ' ') + text.slice(at), PARSE_OPTIONS);
  return configuration ? [header, configuration] : undefined;
}
