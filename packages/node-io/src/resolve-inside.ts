import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FileError } from './file-error';

/** Whether `path` is `base` itself or lies beneath it (both absolute, already resolved). */
export function isWithin(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * `name` (from a file the user gave) resolved inside `dir`: absolute paths and `..` that lead out
 * of `dir` are refused, so a model folder cannot point its reader at files elsewhere. This is the
 * lexical check; `readRegularFile`'s `inside` then checks the real location, links resolved.
 */
export function resolveInside(dir: string, name: string, source = dir): string {
  if (name.length === 0 || name.includes('\0') || isAbsolute(name)) {
    throw new FileError(source, `names the file "${name}", expected a file name inside ${dir}`);
  }
  const base = resolve(dir);
  const path = resolve(base, name);
  if (path === base || !isWithin(base, path)) {
    throw new FileError(source, `names the file "${name}", which is outside ${dir}`);
  }
  return path;
}

/**
 * The real location of `path` (every symbolic link resolved), which must lie inside the real
 * location of `dir` when one is given: a link in a model or data folder cannot lead the reader to
 * a file elsewhere. The message never says where a link leads.
 */
export async function realPathInside(path: string, what: string, dir?: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileError(path, `not found (expected ${what})`, code);
    if (code === 'ELOOP') throw new FileError(path, `is a loop of symbolic links, expected ${what}`, code);
    throw new FileError(path, `cannot be opened (${code ?? (error as Error).message})`, code);
  }
  if (dir === undefined) return real;
  const base = await realpath(dir).catch(() => resolve(dir));
  if (!isWithin(base, real)) {
    throw new FileError(path, `leads outside ${dir} (a symbolic link), expected ${what} inside that folder`);
  }
  return real;
}
