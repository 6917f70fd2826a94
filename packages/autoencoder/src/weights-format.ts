import {
  MODEL_LIMITS,
  type ModelSpec,
  mlpSpec,
  modelSpecSchema,
  parameterLayout,
  parameterName,
} from '@bottleneck/graph';
import { parseWith } from '@bottleneck/graph/internal';
import * as tf from '@tensorflow/tfjs-core';
import CRC32 from 'crc-32';
import * as z from 'zod/mini';
import { autoencoderConfigSchema } from './config';
import { type Autoencoder, createAutoencoder } from './model';

export const MODEL_FORMAT = 'bottleneck-autoencoder';
/** Version 2 stores the model's spec; version 1 (the lab's sizes) is still read. */
export const MODEL_FORMAT_VERSION = 2;
export const WEIGHTS_FILE = 'weights.bin';
/** model.json is small; anything larger is not one. */
export const MAX_MODEL_JSON_BYTES = 1 << 20;
/** No model within `MODEL_LIMITS` has more float32 weights. */
export const MAX_WEIGHTS_BYTES = 4 * MODEL_LIMITS.parameters;

/**
 * `model.json`: the model's spec and a tfjs weights manifest. The weights live in one
 * little-endian float32 file (`weights.bin`) in manifest order, as `tf.io` writes them, so the
 * pair loads in Node and in the browser alike. `weightsCrc32` (CRC-32 of that file) detects a
 * corrupted or swapped weights file.
 */
export interface ModelJson {
  format: typeof MODEL_FORMAT;
  formatVersion: number;
  /** The model's layers: the one definition every runtime executes. */
  spec: ModelSpec;
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
function expectedSpecs(spec: ModelSpec): { name: string; shape: number[] }[] {
  return parameterLayout(spec).map((p) => ({ name: parameterName(p, 'model-json'), shape: p.dims }));
}

export async function serializeModel(model: Autoencoder, metadata?: Record<string, unknown>): Promise<SerializedModel> {
  const named = model.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(named);
    const weights = new Uint8Array(data);
    const modelJson: ModelJson = {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      spec: model.spec,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
      weightsCrc32: crc32(weights),
      ...(metadata ? { metadata } : {}),
    };
    return { modelJson, weights };
  } finally {
    tf.dispose(named);
  }
}

const manifestEntrySchema = z.strictObject({
  name: z.string(),
  shape: z.array(z.int().check(z.gte(1))).check(z.maxLength(4)),
  dtype: z.optional(z.literal('float32')),
});

/** What a `model.json` may hold: version 1 names the lab's sizes, version 2 the model's spec. */
const modelJsonSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    formatVersion: z.union([z.literal(1), z.literal(MODEL_FORMAT_VERSION)]),
    config: z.optional(autoencoderConfigSchema),
    spec: z.optional(modelSpecSchema),
    weightsManifest: z.tuple([
      z.object({
        paths: z.tuple([z.string()]),
        // at most four tensors a layer (a variational layer's two heads)
        weights: z.array(manifestEntrySchema).check(z.maxLength(4 * MODEL_LIMITS.layers)),
      }),
    ]),
    weightsCrc32: z.optional(z.int().check(z.gte(0), z.lte(0xffffffff))),
    metadata: z.optional(z.record(z.string(), z.unknown())),
  })
  .check(
    z.refine((m) => (m.formatVersion === 1 ? m.config : m.spec) !== undefined, {
      message: 'version 1 needs config, version 2 needs spec',
    }),
  );

/**
 * Checks that parsed JSON is a `model.json` this version reads, as strictly as a flag: a spec (or
 * version 1's sizes) within the limits, and a manifest of exactly the model's tensors in float32,
 * in one file. `source` names it in errors. Nothing is allocated from the file's numbers before
 * this passes.
 */
export function parseModelJson(json: unknown, source = 'model.json'): ModelJson {
  const fail = (what: string): never => {
    throw new ModelFormatError(`${source}: ${what}`);
  };
  const looks = json as { format?: unknown } | null;
  if (!looks || typeof looks !== 'object' || looks.format !== MODEL_FORMAT) {
    fail(`not a bottleneck model (expected "format": "${MODEL_FORMAT}")`);
  }
  let m: z.infer<typeof modelJsonSchema>;
  try {
    m = parseWith(modelJsonSchema, json, source);
  } catch (error) {
    throw new ModelFormatError((error as Error).message);
  }
  const spec = m.spec ?? mlpSpec(m.config!);
  const expected = expectedSpecs(spec);
  const specs = m.weightsManifest[0].weights;
  if (specs.length !== expected.length) fail(`weightsManifest must list ${expected.length} tensors`);
  expected.forEach((e, i) => {
    const s = specs[i]!;
    const same = s.name === e.name && s.shape.length === e.shape.length && s.shape.every((d, k) => d === e.shape[k]);
    if (!same) fail(`weightsManifest entry ${i} must be ${e.name} float32 [${e.shape}] for this model`);
  });
  const { config: _sizes, spec: _spec, ...rest } = m;
  return {
    ...rest,
    formatVersion: MODEL_FORMAT_VERSION,
    spec,
    weightsManifest: m.weightsManifest as tf.io.WeightsManifestConfig,
  };
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
  const model = createAutoencoder({ spec: modelJson.spec });
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
