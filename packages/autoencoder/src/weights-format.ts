import * as tf from '@tensorflow/tfjs-core';
import { type Autoencoder, type AutoencoderConfig, createAutoencoder } from './model';

export const MODEL_FORMAT = 'bottleneck-autoencoder';
export const MODEL_FORMAT_VERSION = 1;
export const WEIGHTS_FILE = 'weights.bin';

/**
 * `model.json`: the model's sizes and a tfjs weights manifest. The weights live in one
 * little-endian float32 file (`weights.bin`) in manifest order, as `tf.io` writes them, so the
 * pair loads in Node and in the browser alike.
 */
export interface ModelJson {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  config: AutoencoderConfig;
  weightsManifest: tf.io.WeightsManifestConfig;
  /** Free-form provenance (epochs, test MSE, …). */
  metadata?: Record<string, unknown>;
}

export interface SerializedModel {
  modelJson: ModelJson;
  weights: Uint8Array;
}

export async function serializeModel(
  model: Autoencoder,
  metadata?: Record<string, unknown>,
): Promise<SerializedModel> {
  const named = model.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(named);
    const modelJson: ModelJson = {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      config: { ...model.config },
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
      ...(metadata ? { metadata } : {}),
    };
    return { modelJson, weights: new Uint8Array(data) };
  } finally {
    tf.dispose(named);
  }
}

/** Checks that parsed JSON is a `model.json` this version reads; `source` names it in errors. */
export function parseModelJson(json: unknown, source = 'model.json'): ModelJson {
  const m = json as Partial<ModelJson> | null;
  if (!m || typeof m !== 'object' || m.format !== MODEL_FORMAT) {
    throw new Error(`${source}: not a bottleneck model (expected "format": "${MODEL_FORMAT}")`);
  }
  if (m.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(`${source}: format version ${m.formatVersion}, expected ${MODEL_FORMAT_VERSION}`);
  }
  const specs = m.weightsManifest?.[0]?.weights;
  if (!m.config || !Array.isArray(specs)) {
    throw new Error(`${source}: missing config or weightsManifest`);
  }
  return m as ModelJson;
}

/** Rebuilds a model from `model.json` and the bytes of its weights file. */
export function deserializeModel(
  modelJson: ModelJson,
  weights: Uint8Array | ArrayBuffer,
  source = WEIGHTS_FILE,
): Autoencoder {
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const expected = specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1) * 4, 0);
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(weights);
  if (bytes.byteLength !== expected) {
    throw new Error(`${source}: ${bytes.byteLength} bytes, expected ${expected} for the manifest in model.json`);
  }
  // decodeWeights wants an ArrayBuffer holding exactly the data
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const named = tf.io.decodeWeights(buffer, specs);
  const model = createAutoencoder({ ...modelJson.config });
  try {
    model.setWeights(named);
  } catch (error) {
    model.dispose();
    throw new Error(`${source}: ${(error as Error).message}`);
  } finally {
    tf.dispose(named);
  }
  return model;
}
