import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Autoencoder } from './model';
import { deserializeModel, parseModelJson, serializeModel, WEIGHTS_FILE } from './weights-format';

export * from './index';

const tmpName = (path: string) => `${path}.${randomBytes(4).toString('hex')}.tmp`;

/** Writes `path` so readers see the old file or the whole new one, never a part. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = tmpName(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Saves `model.json` and `weights.bin` into `dir`. Both are written into a temporary folder that
 * then replaces `dir`, so an interrupted save leaves the previous model intact.
 */
export async function saveModel(dir: string, model: Autoencoder, metadata?: Record<string, unknown>): Promise<void> {
  const { modelJson, weights } = await serializeModel(model, metadata);
  await mkdir(dirname(dir), { recursive: true });
  const tmp = tmpName(dir);
  const old = tmpName(dir);
  try {
    await mkdir(tmp);
    await writeFile(join(tmp, 'model.json'), `${JSON.stringify(modelJson, null, 2)}\n`);
    await writeFile(join(tmp, WEIGHTS_FILE), weights);
    await rename(dir, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

/** Loads a model saved by `saveModel` (or by `bottleneck train`); errors name the file at fault. */
export async function loadModel(dir: string): Promise<Autoencoder> {
  const jsonPath = join(dir, 'model.json');
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch {
    throw new Error(`${jsonPath}: not found (expected a model folder written by \`bottleneck train\`)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${jsonPath}: not valid JSON`);
  }
  const modelJson = parseModelJson(json, jsonPath);
  const path = join(dir, modelJson.weightsManifest[0]?.paths[0] ?? WEIGHTS_FILE);
  let weights: Uint8Array;
  try {
    weights = new Uint8Array(await readFile(path));
  } catch {
    throw new Error(`${path}: not found (model.json lists it)`);
  }
  return deserializeModel(modelJson, weights, path);
}
