export { FileError } from './file-error';
export type { ReadOptions } from './read-regular-file';
export { readRegularFile, readRegularTextFile } from './read-regular-file';
export { isWithin, realPathInside, resolveInside } from './resolve-inside';
export {
  removeStaleTemporaries,
  syncFolder,
  tmpName,
  writeFileAtomic,
  writeNewFileDurably,
} from './write-file-atomic';
