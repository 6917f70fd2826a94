import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileError } from './file-error';

const TMP = /\.[0-9a-f]{8}\.tmp$/;

/** A fresh temporary name beside `path`: `<path>.<8 hex>.tmp`. */
export const tmpName = (path: string): string => `${path}.${randomBytes(4).toString('hex')}.tmp`;

/**
 * Writes `path` so readers see the old file or the whole new one, never a part. A failed write
 * (e.g. a full disk) removes its temporary file and rejects with a one-line FileError.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = tmpName(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
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
