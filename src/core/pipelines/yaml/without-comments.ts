import type { Document } from 'yaml';
import { isMap, isPair, isSeq } from './identity';

const COMMENT_FIELDS = ['comment', 'commentBefore', 'spaceBefore'] as const;

/**
 * Removes comments and blank-line marks from every node, as the fast composer
 * never sets them: a file parsed by yaml then has the same tree as one the fast
 * composer built (which matters when a patched parse is compared with a fresh one).
 */
export function withoutComments(doc: Document.Parsed): Document.Parsed {
  doc.commentBefore = null;
  doc.comment = null;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    for (const field of COMMENT_FIELDS) if (field in node) delete (node as Record<string, unknown>)[field];
    if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) stack.push(item);
  }
  return doc;
}
