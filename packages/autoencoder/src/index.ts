export { readParameters, writeParameters } from './flat-parameters';
export type { Activation, AutoencoderConfig, CreateAutoencoderOptions, DenseLayer } from './model';
export { autoencoderConfigSchema } from './config';
export {
  Autoencoder,
  CONFIG_LIMITS,
  countParameters,
  createAutoencoder,
  DEFAULT_CONFIG,
  validateConfig,
} from './model';
export type { LoadedModel, ModelFile, ModelFiles, ModelFilesOptions, SizedFile } from './model-files';
export { modelFromFiles, pickModelFiles, readModelJson } from './model-files';
export type { ModelJson, SerializedModel } from './weights-format';
export { ModelFormatError } from './weights-format';
export {
  deserializeModel,
  MAX_MODEL_JSON_BYTES,
  MAX_WEIGHTS_BYTES,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  parseModelJson,
  serializeModel,
  WEIGHTS_FILE,
} from './weights-format';
export type { LayersModelFiles } from './layers-model';
export { toLayersModel } from './layers-model';
export { fromSafetensors, MAX_SAFETENSORS_BYTES, MAX_SAFETENSORS_HEADER_BYTES, toSafetensors } from './safetensors';
export type { Pcg64State } from './pcg64';
export { Pcg64 } from './pcg64';
export { ONNX_EXPORT_OPSET, toOnnx } from './onnx-export';
