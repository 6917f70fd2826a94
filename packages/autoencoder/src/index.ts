export type { AutoencoderConfig } from './config';
export { autoencoderConfigSchema, CONFIG_LIMITS, countParameters, DEFAULT_CONFIG, validateConfig } from './config';
export { readParameters, writeParameters } from './flat-parameters';
export type { LayersModelFiles } from './layers-model';
export { toLayersModel } from './layers-model';
export type { Activation, CreateAutoencoderOptions, DenseLayer } from './model';
export { Autoencoder, createAutoencoder } from './model';
export type { LoadedModel, ModelFile, ModelFiles, ModelFilesOptions, SizedFile } from './model-files';
export { modelFromFiles, pickModelFiles, readModelJson } from './model-files';
export { ONNX_EXPORT_OPSET, toOnnx } from './onnx-export';
export type { Pcg64State } from './pcg64';
export { Pcg64 } from './pcg64';
export { fromSafetensors, MAX_SAFETENSORS_BYTES, toSafetensors } from './safetensors';
export type { ModelJson, SerializedModel } from './weights-format';
export {
  deserializeModel,
  MAX_MODEL_JSON_BYTES,
  MAX_WEIGHTS_BYTES,
  MODEL_FORMAT_VERSION,
  ModelFormatError,
  parseModelJson,
  serializeModel,
} from './weights-format';
