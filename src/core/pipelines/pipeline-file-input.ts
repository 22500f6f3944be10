import type { Finding } from './finding';
import { megabytes, readPipelineFile, readPipelineFileSync, type PipelineFileRead } from './read-pipeline-file';
import { MAX_FILE_BYTES } from './validate';

/**
 * A pipeline file on disk as validation takes it: its text, or the one finding that says why it is
 * not read (over 2 MB, not a regular file, unreadable), or missing. `shipshape lint` and the
 * editor's store both read files through it, so neither reads a 300 MB file or /dev/zero whole.
 */
export type PipelineFileInput =
  { readonly status: 'text'; readonly text: string } | { readonly status: 'not-read'; readonly findings: readonly Finding[] } | { readonly status: 'missing' };

/** A finding on the whole file: why it was not checked. */
const wholeFile = (rule: string, severity: Finding['severity'], message: string): Finding => ({
  rule,
  severity,
  message,
  range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
});

export async function pipelineFileInput(path: string): Promise<PipelineFileInput> {
  return inputOf(await readPipelineFile(path));
}

/** pipelineFileInput without the thread pool: see readPipelineFileSync. */
export const pipelineFileInputSync = (path: string): PipelineFileInput => inputOf(readPipelineFileSync(path));

function inputOf(read: PipelineFileRead): PipelineFileInput {
  switch (read.status) {
    case 'read':
      return { status: 'text', text: read.text };
    case 'missing':
      return read;
    case 'too-large':
      return {
        status: 'not-read',
        findings: [
          wholeFile(
            'file-too-large',
            'info',
            `This file is over ${MAX_FILE_BYTES / 1024 / 1024} MB (${megabytes(read.bytes)}), so Shipshape does not check it.`,
          ),
        ],
      };
    case 'not-checked':
      return { status: 'not-read', findings: [wholeFile('file-not-checked', 'error', `Not checked: ${read.reason}.`)] };
  }
}
