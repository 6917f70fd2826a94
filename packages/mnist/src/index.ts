export type { Mnist, MnistFileNames, MnistFiles } from './dataset';
export { MNIST_FILE_STEMS, MnistSplit, mnistFromBuffers, splitFromIdx } from './dataset';
export type { IdxArray } from './idx';
export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, IdxFormatError, MAX_IDX_BYTES, readIdx } from './idx';
