import { mlpSpec, parameterLayout, parameterName } from '@bottleneck/graph';
import * as tf from '@tensorflow/tfjs-core';
import CRC32 from 'crc-32';
import { type Autoencoder, type AutoencoderConfig, createAutoencoder, validateConfig } from './model';

export const MODEL_FORMAT = 'bottleneck-autoencoder';
export const MODEL_FORMAT_VERSION = 1;
export const WEIGHTS_FILE = 'weights.bin';
/** model.json is small; anything larger is not one. */
export const MAX_MODEL_JSON_BYTES = 1 << 20;

/**
 * `model.json`: the model's sizes and a tfjs weights manifest. The weights live in one
 * little-endian float32 file (`weights.bin`) in manifest order, as `tf.io` writes them, so the
 * pair loads in Node and in the browser alike. `weightsCrc32` (CRC-32 of that file) detects a
 * corrupted or swapped weights file.
 */
export interface ModelJson {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  config: AutoencoderConfig;
  weightsManifest: tf.io.WeightsManifestConfig;
  weightsCrc32?: number;
  /** Free-form provenance (epochs, test MSE, …). */
  metadata?: Record<string, unknown>;
}

export interface SerializedModel {
  modelJson: ModelJson;
  weights: Uint8Array;
}

/** A model file that is not what it should be; the message names the file. */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

/** CRC-32 (IEEE) as an unsigned 32-bit number. */
export const crc32 = (bytes: Uint8Array): number => CRC32.buf(bytes) >>> 0;

/** The manifest entries a model of these sizes has, in `Autoencoder.parameters` order. */
function expectedSpecs(c: AutoencoderConfig): { name: string; shape: number[] }[] {
  return parameterLayout(mlpSpec(c)).map((p) => ({ name: parameterName(p, 'model-json'), shape: p.dims }));
}

export async function serializeModel(model: Autoencoder, metadata?: Record<string, unknown>): Promise<SerializedModel> {
  const named = model.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(named);
    const weights = new Uint8Array(data);
    const modelJson: ModelJson = {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      config: { ...model.config },
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
      weightsCrc32: crc32(weights),
      ...(metadata ? { metadata } : {}),
    };
    return { modelJson, weights };
  } finally {
    tf.dispose(named);
  }
}

/**
 * Checks that parsed JSON is a `model.json` this version reads, as strictly as a flag: sizes
 * within `CONFIG_LIMITS`, and a manifest of exactly the model's tensors in float32, in one file.
 * `source` names it in errors. Nothing is allocated from the file's numbers before this passes.
 */
export function parseModelJson(json: unknown, source = 'model.json'): ModelJson {
  const fail = (what: string): never => {
    throw new ModelFormatError(`${source}: ${what}`);
  };
  const m = json as Partial<ModelJson> | null;
  if (!m || typeof m !== 'object' || m.format !== MODEL_FORMAT) {
    fail(`not a bottleneck model (expected "format": "${MODEL_FORMAT}")`);
  }
  if (m!.formatVersion !== MODEL_FORMAT_VERSION)
    fail(`format version ${m!.formatVersion}, expected ${MODEL_FORMAT_VERSION}`);
  const c = m!.config as Partial<AutoencoderConfig> | undefined;
  if (!c || typeof c !== 'object') fail('missing config');
  const config = {
    inputSize: c!.inputSize,
    hiddenSize: c!.hiddenSize,
    bottleneckSize: c!.bottleneckSize,
  } as AutoencoderConfig;
  try {
    validateConfig(config);
  } catch (error) {
    fail(`config: ${(error as Error).message}`);
  }
  const manifest = m!.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1 || typeof manifest[0] !== 'object' || manifest[0] === null) {
    fail('weightsManifest must hold one group');
  }
  const group = manifest![0]!;
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || typeof group.paths[0] !== 'string') {
    fail('weightsManifest must name one weights file');
  }
  const specs = group.weights;
  const expected = expectedSpecs(config);
  if (!Array.isArray(specs) || specs.length !== expected.length)
    fail(`weightsManifest must list ${expected.length} tensors`);
  expected.forEach((e, i) => {
    const s = specs[i] as Partial<tf.io.WeightsManifestEntry> | undefined;
    const same =
      s?.name === e.name &&
      (s.dtype ?? 'float32') === 'float32' &&
      Array.isArray(s.shape) &&
      s.shape.length === e.shape.length &&
      s.shape.every((d, k) => d === e.shape[k]) &&
      s.quantization === undefined;
    if (!same) fail(`weightsManifest entry ${i} must be ${e.name} float32 [${e.shape}] for this config`);
  });
  const crc = m!.weightsCrc32;
  if (crc !== undefined && !(Number.isInteger(crc) && crc >= 0 && crc <= 0xffffffff))
    fail('weightsCrc32 must be a 32-bit unsigned integer');
  return { ...(m as ModelJson), config };
}

/** Bytes the weights file of this (validated) manifest must have. */
export function weightsByteLength(modelJson: ModelJson): number {
  return modelJson.weightsManifest
    .flatMap((g) => g.weights)
    .reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
}

/**
 * Rebuilds a model from `model.json` (as `parseModelJson` returns it) and the bytes of its weights
 * file. Refuses a file of the wrong size, one whose CRC-32 differs from `weightsCrc32`, and
 * weights that are NaN or infinite.
 */
export function deserializeModel(
  modelJson: ModelJson,
  weights: Uint8Array | ArrayBuffer,
  source = WEIGHTS_FILE,
): Autoencoder {
  const expected = weightsByteLength(modelJson);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  if (bytes.byteLength !== expected) {
    throw new ModelFormatError(
      `${source}: ${bytes.byteLength} bytes, expected ${expected} for the manifest in model.json`,
    );
  }
  if (modelJson.weightsCrc32 !== undefined && crc32(bytes) !== modelJson.weightsCrc32) {
    throw new ModelFormatError(`${source}: checksum mismatch (the file is corrupt or belongs to another model.json)`);
  }
  // decodeWeights wants an ArrayBuffer holding exactly the data
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const floats = new Float32Array(buffer);
  const bad = floats.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ModelFormatError(`${source}: weight ${bad} is ${floats[bad]}, expected finite numbers`);
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const named = tf.io.decodeWeights(buffer, specs);
  const model = createAutoencoder({ ...modelJson.config });
  try {
    model.setWeights(named);
  } catch (error) {
    model.dispose();
    throw new ModelFormatError(`${source}: ${(error as Error).message}`);
  } finally {
    tf.dispose(named);
  }
  return model;
}
