export { FileError } from './file-error';
export type { ReadOptions } from './read-regular-file';
export { readRegularFile, readRegularTextFile } from './read-regular-file';
export { resolveInside } from './resolve-inside';
export { removeStaleTemporaries, tmpName, writeFileAtomic } from './write-file-atomic';
