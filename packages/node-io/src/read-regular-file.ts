import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { FileError } from './file-error';

export interface ReadOptions {
  /** Refuse files larger than this many bytes (checked before reading). */
  maxBytes: number;
  /** What the file should be, for messages: e.g. `a checkpoint`. */
  what?: string;
}

/**
 * Reads a whole file that must be a regular file no larger than `maxBytes`. The size is taken from
 * the open descriptor before a byte is read, so devices, FIFOs, folders and huge files are refused
 * without hanging or allocating; a file that grows while being read is refused too.
 */
export async function readRegularFile(path: string, { maxBytes, what = 'a file' }: ReadOptions): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: opening a FIFO that has no writer would otherwise wait forever
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileError(path, `not found (expected ${what})`, code);
    if (code === 'EISDIR') throw new FileError(path, `is a folder, expected ${what}`, code);
    throw new FileError(path, `cannot be opened (${code ?? (error as Error).message})`, code);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new FileError(path, `is a folder, expected ${what}`);
    if (!info.isFile()) throw new FileError(path, `is not a regular file (a device, FIFO or socket), expected ${what}`);
    if (info.size > maxBytes) {
      throw new FileError(path, `${info.size} bytes, more than the ${maxBytes} allowed for ${what}`);
    }
    const bytes = new Uint8Array(info.size);
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
