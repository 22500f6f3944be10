import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { errorMessage } from '../errors';

/** A pipeline file's text, or why it is not read: too large, not a regular file, unreadable. */
export type PipelineFileRead =
  | { readonly status: 'read'; readonly text: string }
  | { readonly status: 'too-large'; readonly bytes: number }
  | { readonly status: 'missing' }
  | { readonly status: 'not-checked'; readonly reason: string };

const MB = 1024 * 1024;

/** Larger pipeline files are not checked (one note says so). */
export const MAX_FILE_BYTES = 2 * MB;
export const megabytes = (bytes: number): string => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;

/** What stat() says a non-regular file is, for the message. */
function whatItIs(info: { isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

const unreadable = (error: unknown): PipelineFileRead => ({ status: 'not-checked', reason: `it cannot be read (${errorMessage(error)})` });

const statFailure = (error: unknown): PipelineFileRead => ((error as NodeJS.ErrnoException).code === 'ENOENT' ? { status: 'missing' } : unreadable(error));

/** Why a file with this stat() is not read, if it is not; else undefined. */
function notReadable(info: Stats): PipelineFileRead | undefined {
  if (!info.isFile()) return { status: 'not-checked', reason: `it is ${whatItIs(info)}, not a regular file` };
  if (info.size > MAX_FILE_BYTES) return { status: 'too-large', bytes: info.size };
  return undefined;
}

/** One byte more than stat() said: reading it means the file grew meanwhile. */
const bufferFor = (info: Stats): Buffer => Buffer.allocUnsafe(Math.min(info.size, MAX_FILE_BYTES) + 1);

const textRead = (buffer: Buffer, length: number, info: Stats): PipelineFileRead =>
  length > info.size
    ? { status: 'not-checked', reason: 'it grew while it was being read' }
    : { status: 'read', text: buffer.subarray(0, length).toString('utf8') };

/**
 * Reads a file only once its size and type are known to be fine: a 300 MB file is
 * not read whole to be told it is over 2 MB, and a link to /dev/zero is never read.
 */
export async function readPipelineFile(path: string): Promise<PipelineFileRead> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return statFailure(error);
  }
  const refused = notReadable(info);
  if (refused) return refused;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = bufferFor(info);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return textRead(buffer, length, info);
    } finally {
      await handle.close();
    }
  } catch (error) {
    return unreadable(error);
  }
}

/**
 * readPipelineFile without the thread pool, for a process that has nothing else to do meanwhile
 * (`shipshape lint`): a small file's stat, open, read and close take ~20 µs here, while each of
 * the asynchronous calls' five round trips costs more than that in waiting and promises.
 */
export function readPipelineFileSync(path: string): PipelineFileRead {
  let info;
  try {
    // Rules look for files that are often absent (action.yaml beside action.yml): no exception built for those.
    info = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    return statFailure(error);
  }
  if (!info) return { status: 'missing' };
  const refused = notReadable(info);
  if (refused) return refused;
  try {
    const descriptor = openSync(path, 'r');
    try {
      const buffer = bufferFor(info);
      let length = 0;
      while (length < buffer.length) {
        const bytesRead = readSync(descriptor, buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return textRead(buffer, length, info);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return unreadable(error);
  }
}

/**
 * The text of a file a check reaches through another (a template, an included file, a local
 * action, the project config), or undefined when it is absent or not read: a link to /dev/zero or
 * a 300 MB file is refused as readPipelineFileSync refuses it, never read whole.
 */
export function readReachedFileSync(path: string): string | undefined {
  const read = readPipelineFileSync(path);
  return read.status === 'read' ? read.text : undefined;
}
