import {
  type Autoencoder,
  CONFIG_LIMITS,
  deserializeModel,
  fromSafetensors,
  MAX_MODEL_JSON_BYTES,
  MAX_SAFETENSORS_BYTES,
  type ModelJson,
  parseModelJson,
  serializeModel,
  toSafetensors,
} from '@bottleneck/autoencoder';

/** No model within `CONFIG_LIMITS` has more float32 weights. */
const MAX_WEIGHTS_BYTES = 4 * CONFIG_LIMITS.parameters;

export interface LoadedModel {
  model: Autoencoder;
  /** What the files said about where the model came from. */
  metadata: Record<string, unknown>;
  name: string;
}

import { describeBytes } from './file-kind';

const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

/** A safetensors file opens with an 8-byte header length, then its JSON header: `{`. */
function looksLikeSafetensors(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[8] === 0x7b;
}

function tooBig(file: File, max: number, what: string): void {
  if (file.size > max) throw new Error(`${file.name}: ${file.size} bytes, more than ${max} for ${what}`);
}

/**
 * Reads the model the user picked: a `.safetensors` file (the lab's PyTorch layout) or the
 * `model.json` + `weights.bin` pair the CLI writes to `out/model`. Checked as the CLI checks
 * `--model`: bounded sizes, the manifest, the byte count, the CRC and finite weights; then the
 * image size against the data on the page. Throws a one-line error naming the file; nothing on the
 * page changes unless this returns.
 */
export async function modelFromFiles(files: readonly File[], inputSize: number): Promise<LoadedModel> {
  let loaded: LoadedModel;
  const safetensors = files.find((f) => f.name.toLowerCase().endsWith('.safetensors'));
  if (files.length === 1 && safetensors) {
    tooBig(safetensors, MAX_SAFETENSORS_BYTES, 'a safetensors model');
    const bytes = await bytesOf(safetensors);
    // say what the file is before the parser reports a nonsense header length
    if (!looksLikeSafetensors(bytes)) {
      const kind = describeBytes(bytes);
      throw new Error(
        `${safetensors.name}: not a safetensors file${kind ? ` (it looks like ${kind})` : ''}: expected an 8-byte header length and a JSON header`,
      );
    }
    loaded = {
      model: fromSafetensors(bytes, safetensors.name),
      metadata: {},
      name: safetensors.name,
    };
  } else if (files.length === 2) {
    const jsonFile = files.find((f) => f.name.toLowerCase().endsWith('.json'));
    const weightsFile = files.find((f) => f !== jsonFile);
    if (!jsonFile || !weightsFile) throw new Error('choose model.json and its weights.bin (or one .safetensors file)');
    tooBig(jsonFile, MAX_MODEL_JSON_BYTES, 'a model.json');
    tooBig(weightsFile, MAX_WEIGHTS_BYTES, 'a weights file');
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await bytesOf(jsonFile)));
    } catch {
      throw new Error(`${jsonFile.name}: not valid JSON`);
    }
    const json: ModelJson = parseModelJson(parsed, jsonFile.name);
    loaded = {
      model: deserializeModel(json, await bytesOf(weightsFile), weightsFile.name),
      metadata: json.metadata ?? {},
      name: `${jsonFile.name} + ${weightsFile.name}`,
    };
  } else {
    throw new Error(`choose model.json and its weights.bin, or one .safetensors file (got ${files.length} files)`);
  }
  if (loaded.model.config.inputSize !== inputSize) {
    const n = loaded.model.config.inputSize;
    loaded.model.dispose();
    throw new Error(`${loaded.name}: the model reads ${n}-pixel images, the digits here have ${inputSize}`);
  }
  return loaded;
}

/** The files `bottleneck` writes for a model: model.json + weights.bin, or one .safetensors. */
export async function modelDownloads(
  model: Autoencoder,
  metadata: Record<string, unknown>,
): Promise<{ name: string; blob: Blob }[]> {
  const { modelJson, weights } = await serializeModel(model, metadata);
  const strings = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)]));
  return [
    { name: 'model.json', blob: new Blob([JSON.stringify(modelJson, null, 2)], { type: 'application/json' }) },
    { name: 'weights.bin', blob: new Blob([weights as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }) },
    {
      name: 'model.safetensors',
      blob: new Blob([toSafetensors(model, strings) as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
    },
  ];
}
