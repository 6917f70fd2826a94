export type { Mnist, MnistFileNames, MnistFiles } from './dataset';
export { MnistSplit, mnistFromBuffers, splitFromIdx } from './dataset';
export type { IdxArray } from './idx';
export { IdxFormatError, MAX_IDX_BYTES, readIdx } from './idx';
