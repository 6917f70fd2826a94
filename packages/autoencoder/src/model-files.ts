import { fromSafetensors, MAX_SAFETENSORS_BYTES } from './safetensors';
import type { Autoencoder } from './model';
import {
  deserializeModel,
  MAX_MODEL_JSON_BYTES,
  MAX_WEIGHTS_BYTES,
  type ModelJson,
  ModelFormatError,
  parseModelJson,
} from './weights-format';

/** A file by its name and size, before it is read (a browser `File` fits). */
export interface SizedFile {
  name: string;
  size: number;
}

/** A file read into memory. */
export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

/** Which files make a model: one `.safetensors`, or a `model.json` and its weights file. */
export type ModelFiles<F> = { format: 'safetensors'; file: F } | { format: 'model-json'; modelJson: F; weights: F };

/** A model and what its files said about it. */
export interface LoadedModel {
  model: Autoencoder;
  /** model.json's `metadata` (none in a safetensors file). */
  metadata: Record<string, unknown>;
  /** The file names, for messages: `model.json + weights.bin`. */
  name: string;
}

export interface ModelFilesOptions {
  /** Says what a refused file looks like (e.g. "a PNG image") from its first bytes. */
  describe?: (bytes: Uint8Array) => string | null;
}

const isSafetensors = (name: string) => name.toLowerCase().endsWith('.safetensors');

function checkSize(file: SizedFile, max: number, what: string): void {
  if (file.size > max) throw new ModelFormatError(`${file.name}: ${file.size} bytes, more than ${max} for ${what}`);
}

/**
 * Picks the model's files from what a user chose, by name, and bounds their sizes before anything
 * is read: one `.safetensors` file, or two files of which one is a `.json`.
 */
export function pickModelFiles<F extends SizedFile>(files: readonly F[]): ModelFiles<F> {
  const safetensors = files.find((f) => isSafetensors(f.name));
  if (files.length === 1 && safetensors) {
    checkSize(safetensors, MAX_SAFETENSORS_BYTES, 'a safetensors model');
    return { format: 'safetensors', file: safetensors };
  }
  const modelJson = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  const weights = files.find((f) => f !== modelJson);
  if (files.length !== 2 || !modelJson || !weights) {
    throw new ModelFormatError(
      `choose model.json and its weights.bin, or one .safetensors file (got ${files.map((f) => f.name).join(', ') || 'no files'})`,
    );
  }
  checkSize(modelJson, MAX_MODEL_JSON_BYTES, 'a model.json');
  checkSize(weights, MAX_WEIGHTS_BYTES, 'a weights file');
  return { format: 'model-json', modelJson, weights };
}

/** A model.json's bytes (UTF-8 JSON), checked by `parseModelJson`; errors name `source`. */
export function readModelJson(bytes: Uint8Array, source = 'model.json'): ModelJson {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ModelFormatError(`${source}: not valid JSON`);
  }
  return parseModelJson(json, source);
}

/**
 * The model in files read into memory (`pickModelFiles`' choice): a safetensors file in the lab's
 * PyTorch layout, or model.json and its weights. Pure; every failure is a one-line
 * ModelFormatError naming the file.
 */
export function modelFromFiles(files: readonly ModelFile[], { describe }: ModelFilesOptions = {}): LoadedModel {
  const picked = pickModelFiles(files.map((f) => ({ ...f, size: f.bytes.length })));
  if (picked.format === 'safetensors') {
    const { name, bytes } = picked.file;
    // say what the file is before the parser reports a nonsense header length (a JSON header opens with '{')
    if (bytes.length > 8 && bytes[8] !== 0x7b) {
      const kind = describe?.(bytes);
      throw new ModelFormatError(
        `${name}: not a safetensors file${kind ? ` (it looks like ${kind})` : ''}: expected an 8-byte header length and a JSON header`,
      );
    }
    return { model: fromSafetensors(bytes, name), metadata: {}, name };
  }
  const modelJson = readModelJson(picked.modelJson.bytes, picked.modelJson.name);
  return {
    model: deserializeModel(modelJson, picked.weights.bytes, picked.weights.name),
    metadata: modelJson.metadata ?? {},
    name: `${picked.modelJson.name} + ${picked.weights.name}`,
  };
}
