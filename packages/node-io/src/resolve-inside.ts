import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FileError } from './file-error';

/**
 * `name` (from a file the user gave) resolved inside `dir`: absolute paths and `..` that lead out
 * of `dir` are refused, so a model folder cannot point its reader at files elsewhere.
 */
export function resolveInside(dir: string, name: string, source = dir): string {
  if (name.length === 0 || name.includes('\0') || isAbsolute(name)) {
    throw new FileError(source, `names the file "${name}", expected a file name inside ${dir}`);
  }
  const base = resolve(dir);
  const path = resolve(base, name);
  const rel = relative(base, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new FileError(source, `names the file "${name}", which is outside ${dir}`);
  }
  return path;
}
