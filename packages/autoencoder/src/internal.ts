// Internals for this project's own packages and apps: not a stable API.
export { MAX_SAFETENSORS_HEADER_BYTES } from './safetensors';
export { crc32, MODEL_FORMAT, WEIGHTS_FILE, weightsByteLength } from './weights-format';
