import {
  type Autoencoder,
  type LoadedModel,
  modelFromFiles,
  pickModelFiles,
  serializeModel,
  toSafetensors,
} from '@bottleneck/autoencoder';
import { describeBytes } from './file-kind';

export type { LoadedModel };

const bytesOf = async (file: File) => new Uint8Array(await file.arrayBuffer());

/**
 * Reads the model the user picked: a `.safetensors` file (the lab's PyTorch layout) or the
 * `model.json` + `weights.bin` pair the CLI writes to `out/model`, through the loader the CLI's
 * `--model` uses (`modelFromFiles`): sizes bounded before reading, then the manifest, the byte
 * count, the CRC and finite weights; then the image size against the data on the page. Throws a
 * one-line error naming the file; nothing on the page changes unless this returns.
 */
export async function modelFromPickedFiles(files: readonly File[], inputSize: number): Promise<LoadedModel> {
  const picked = pickModelFiles(files);
  const chosen = picked.format === 'safetensors' ? [picked.file] : [picked.modelJson, picked.weights];
  const read = await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: await bytesOf(f) })));
  const loaded = modelFromFiles(read, { describe: describeBytes });
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
