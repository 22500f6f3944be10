/** The Pipelines view lists this many files per folder: each is validated and outlined in the editor. */
export const MAX_LISTED_FILES = 2000;

export interface PipelineListing<T> {
  /** The first `cap` files in the order given (by path): the same ones every time. */
  readonly shown: readonly T[];
  readonly notShown: number;
  /** What the view shows (and the log says) when files are left out; undefined when none is. */
  readonly note: string | undefined;
}

/**
 * The files a folder's node lists. A tree with more is not cut silently: the view shows the
 * note as an item of its own and logs it, and `shipshape lint` checks every file.
 */
export function listPipelineFiles<T>(files: readonly T[], cap = MAX_LISTED_FILES): PipelineListing<T> {
  if (files.length <= cap) return { shown: files, notShown: 0, note: undefined };
  const notShown = files.length - cap;
  const plural = notShown === 1 ? 'file' : 'files';
  return {
    shown: files.slice(0, cap),
    notShown,
    note: `${notShown.toLocaleString('en-US')} more pipeline ${plural} not shown (the view lists ${cap.toLocaleString('en-US')}); use \`shipshape lint\` to check them all.`,
  };
}
