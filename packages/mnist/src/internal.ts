// Internals for this project's own packages and apps: not a stable API.
export { MNIST_FILE_STEMS } from './dataset';
export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from './idx';
