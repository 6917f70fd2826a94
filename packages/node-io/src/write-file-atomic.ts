import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileError } from './file-error';

const TMP = /\.[0-9a-f]{8}\.tmp$/;

/** A fresh temporary name beside `path`: `<path>.<8 hex>.tmp`. */
export const tmpName = (path: string): string => `${path}.${randomBytes(4).toString('hex')}.tmp`;

/**
 * Writes `data` to a new file `path` (never an existing one, never through a link) and flushes it
 * to the disk before closing, so a later rename publishes complete contents even after a power loss.
 */
export async function writeNewFileDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a folder's entries (a rename in it) to the disk. Where a folder cannot be opened or
 * synced (some platforms and file systems), the rename is as durable as the system makes it.
 */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY).catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `path` so readers see the old file or the whole new one, never a part: a temporary beside
 * it is written and fsync'ed, renamed over `path`, and the folder fsync'ed, so this holds after a
 * power loss too. Only a regular file is ever replaced: a folder, device, FIFO, socket or
 * symbolic link at `path` is refused (never written through), so `--out /dev/null` cannot replace
 * a device node. A failed write (e.g. a full disk) removes its temporary file and rejects with a
 * one-line FileError. (The `write-file-atomic` package follows links and renames over whatever it
 * finds there, a device node included, and does not sync the folder: hence this small version.)
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new FileError(path, 'is a folder, expected a file to write');
  if (existing && !existing.isFile()) {
    const kind = existing.isSymbolicLink() ? 'a symbolic link' : 'a device, FIFO or socket';
    throw new FileError(path, `is ${kind}, not a regular file: refusing to replace it`);
  }
  const tmp = tmpName(path);
  try {
    await writeNewFileDurably(tmp, data);
    await rename(tmp, path);
    await syncFolder(dirname(path));
  } catch (error) {
    await rm(tmp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new FileError(path, `could not be written: ${reason}`, code);
  }
}

/**
 * Removes temporary files that an interrupted `writeFileAtomic(path)` left beside `path`
 * (a killed process cannot clean up after itself). Returns the names removed.
 */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const dir = dirname(path);
  const stem = basename(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(`${stem}.`) && TMP.test(n.slice(stem.length)));
  await Promise.all(stale.map((n) => rm(join(dir, n), { force: true, recursive: true })));
  return stale;
}
