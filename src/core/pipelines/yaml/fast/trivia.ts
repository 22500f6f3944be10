import { DASH, DOT, HASH, isBlankAt, NEWLINE, SPACE } from './chars';
import { unsupported } from './unsupported';

/**
 * The blank and comment lines between the end of a value and the next content
 * line, and where that line starts. yaml's parser gives these lines to different
 * nodes by rules that change node ranges (the third offset, where a node's
 * trailing comments end); the functions below reproduce those rules.
 * One instance is reused for the whole file.
 */
export class Trivia {
  count = 0;
  /** Per line: the comment's column, or -1 for a blank line. */
  readonly commentColumn: number[] = [];
  /** Per line: the offset of its line break (or the end of the text). */
  readonly contentEnd: number[] = [];
  /** Per line: the offset after its line break (or the end of the text). */
  readonly lineEnd: number[] = [];
  /** The next content line: its first character (the text's length at the end) and indentation. */
  atEnd = false;
  /** The next content line is a `---` marker (only looked for at the document's start). */
  documentStart = false;
  pos = 0;
  indent = 0;
  lineStart = 0;

  private push(column: number, contentEnd: number, lineEnd: number): void {
    this.commentColumn[this.count] = column;
    this.contentEnd[this.count] = contentEnd;
    this.lineEnd[this.count] = lineEnd;
    this.count++;
  }

  /** Reads blank and comment lines from the line starting at `from` up to the next content line. */
  scan(text: string, from: number, allowDocumentStart = false): void {
    const length = text.length;
    this.count = 0;
    this.documentStart = false;
    let lineStart = from;
    for (;;) {
      let at = lineStart;
      while (at < length && text.charCodeAt(at) === SPACE) at++;
      this.lineStart = lineStart;
      this.indent = at - lineStart;
      this.pos = at;
      if (at >= length) {
        this.atEnd = true;
        this.pos = length;
        return;
      }
      const code = text.charCodeAt(at);
      if (code === NEWLINE) {
        this.push(-1, at, at + 1);
        lineStart = at + 1;
      } else if (code === HASH) {
        const end = text.indexOf('\n', at);
        const contentEnd = end < 0 ? length : end;
        const next = end < 0 ? length : end + 1;
        this.push(at - lineStart, contentEnd, next);
        lineStart = next;
      } else {
        this.atEnd = false;
        if (at === lineStart && (code === DASH || code === DOT) && isDocumentMarker(text, at)) {
          if (!allowDocumentStart || code === DOT) unsupported('document marker');
          this.documentStart = true;
        }
        return;
      }
    }
  }

  /** The deepest comment column among the lines from `first` on, or -1 without comments. */
  deepestComment(first = 0): number {
    let deepest = -1;
    for (let line = first; line < this.count; line++) deepest = Math.max(deepest, this.commentColumn[line] as number);
    return deepest;
  }
}

/** `---` or `...` at the start of a line, followed by white space: another document. */
function isDocumentMarker(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return text.charCodeAt(at + 1) === code && text.charCodeAt(at + 2) === code && isBlankAt(text, at + 3);
}

/**
 * After a value that ends its line (a flow scalar, an alias, a flow collection)
 * inside a collection at column `column`: comment lines indented deeper than the
 * collection belong to the value's end, blank lines before them too, until the
 * first comment that is not that deep. Sets the value's third offset; returns
 * the deepest column of the comments left over (-1 for none), for `stuckAt`.
 */
export function absorbIndentedComments(trivia: Trivia, column: number, range: [number, number, number]): number {
  let left = -1;
  for (let line = 0; line < trivia.count; line++) {
    const comment = trivia.commentColumn[line] as number;
    if (comment < 0) continue;
    if (left < 0 && comment > column) range[2] = trivia.lineEnd[line] as number;
    else left = Math.max(left, comment);
  }
  return left;
}

/**
 * The third offset of an empty value (`key:` or `-` with nothing after it), or
 * -1 when no comment belongs to it. The lines after the indicator belong to it,
 * except that before a sibling key of a mapping, the lines from the second line
 * break after the last deeper comment go to that key instead.
 */
export function emptyValueEnd(trivia: Trivia, column: number, commentOnLine: boolean, siblingKeyFollows: boolean): number {
  let kept = trivia.count;
  let end = trivia.pos;
  if (siblingKeyFollows) {
    let lastDeeper = -1;
    for (let line = 0; line < trivia.count; line++) if ((trivia.commentColumn[line] as number) > column) lastDeeper = line;
    if (trivia.count - lastDeeper >= 2) {
      kept = lastDeeper + 2;
      end = trivia.contentEnd[lastDeeper + 1] as number;
    }
  }
  let comment = commentOnLine;
  for (let line = 0; line < kept && !comment; line++) comment = (trivia.commentColumn[line] as number) >= 0;
  return comment ? end : -1;
}

/**
 * When a collection at `column` ends, comments left after its last value move
 * to its parent, unless one is at least as deep as the collection (and the
 * collection is indented): then they stay and its range ends where they end.
 */
export function isStuck(leftComment: number, column: number): boolean {
  return leftComment >= 0 && column > 0 && leftComment >= column;
}
