import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { FileError } from './file-error';
import { realPathInside } from './resolve-inside';

export interface ReadOptions {
  /** Refuse files larger than this many bytes (checked before reading). */
  maxBytes: number;
  /** What the file should be, for messages: e.g. `a checkpoint`. */
  what?: string;
  /**
   * A folder the file must lie in once symbolic links are resolved: the model or data folder the
   * user named, so that a link inside it cannot lead the reader elsewhere.
   */
  inside?: string;
}

/**
 * Reads a whole file that must be a regular file no larger than `maxBytes`. The file is found by
 * its real location (and confined to `inside`), then stat'ed: folders, devices, FIFOs and sockets
 * are refused without being opened, huge files without allocating. It is opened without following
 * links and must be the file stat'ed, so nothing swapped in between is read; a file that grows or
 * shrinks while being read is refused too.
 */
export async function readRegularFile(
  path: string,
  { maxBytes, what = 'a file', inside }: ReadOptions,
): Promise<Uint8Array> {
  const real = await realPathInside(path, what, inside);
  const info = await stat(real).catch((error: NodeJS.ErrnoException) => {
    throw new FileError(path, `cannot be opened (${error.code ?? error.message})`, error.code);
  });
  if (info.isDirectory()) throw new FileError(path, `is a folder, expected ${what}`);
  if (!info.isFile()) throw new FileError(path, `is not a regular file (a device, FIFO or socket), expected ${what}`);
  if (info.size > maxBytes) {
    throw new FileError(path, `${info.size} bytes, more than the ${maxBytes} allowed for ${what}`);
  }
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: should a FIFO be swapped in after the stat, opening it must not wait for a writer
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(path, `cannot be opened (${code ?? (error as Error).message})`, code);
  }
  try {
    const opened = await handle.stat();
    if (opened.ino !== info.ino || opened.dev !== info.dev || !opened.isFile()) {
      throw new FileError(path, 'changed while being opened');
    }
    if (opened.size > maxBytes) throw new FileError(path, 'grew while being read');
    const bytes = new Uint8Array(opened.size);
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesRead } = await handle.read(bytes, offset, bytes.length - offset, offset);
      if (bytesRead === 0) throw new FileError(path, 'shrank while being read');
      offset += bytesRead;
    }
    const probe = await handle.read(new Uint8Array(1), 0, 1, offset);
    if (probe.bytesRead !== 0) throw new FileError(path, 'grew while being read');
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads a UTF-8 text file with the checks of `readRegularFile`. */
export async function readRegularTextFile(path: string, options: ReadOptions): Promise<string> {
  return new TextDecoder('utf-8', { fatal: false }).decode(await readRegularFile(path, options));
}
