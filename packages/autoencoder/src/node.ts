import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readRegularFile, resolveInside, syncFolder, tmpName, writeNewFileDurably } from '@bottleneck/node-io';
import type { Autoencoder } from './model';
import { modelFromFiles, readModelJson } from './model-files';
import { MAX_MODEL_JSON_BYTES, serializeModel, WEIGHTS_FILE, weightsByteLength } from './weights-format';

/**
 * Saves `model.json` and `weights.bin` into `dir`. Both are written (and synced to the disk) into a
 * temporary folder that then replaces `dir`, so an interrupted save or a power loss leaves the
 * previous model intact.
 */
export async function saveModel(dir: string, model: Autoencoder, metadata?: Record<string, unknown>): Promise<void> {
  const { modelJson, weights } = await serializeModel(model, metadata);
  await mkdir(dirname(dir), { recursive: true });
  const tmp = tmpName(dir);
  const old = tmpName(dir);
  try {
    await mkdir(tmp);
    await writeNewFileDurably(join(tmp, 'model.json'), `${JSON.stringify(modelJson, null, 2)}\n`);
    await writeNewFileDurably(join(tmp, WEIGHTS_FILE), weights);
    await syncFolder(tmp);
    await rename(dir, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(tmp, dir);
    await syncFolder(dirname(dir));
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}

/**
 * Loads a model saved by `saveModel` (or by `bottleneck train`). The folder is untrusted: both
 * files must lie inside it, also once symbolic links are resolved, must be regular files of the
 * sizes model.json implies, and errors name the file at fault.
 */
export async function loadModel(dir: string): Promise<Autoencoder> {
  const jsonPath = join(dir, 'model.json');
  const jsonBytes = await readRegularFile(jsonPath, {
    maxBytes: MAX_MODEL_JSON_BYTES,
    what: 'a model.json written by `bottleneck train`',
    inside: dir,
  });
  // the manifest names the weights file: confined to the folder, read no larger than it implies
  const modelJson = readModelJson(jsonBytes, jsonPath);
  const path = resolveInside(dir, modelJson.weightsManifest[0]!.paths[0]!, jsonPath);
  const weights = await readRegularFile(path, {
    maxBytes: weightsByteLength(modelJson),
    what: 'the weights model.json lists',
    inside: dir,
  });
  return modelFromFiles([
    { name: jsonPath, bytes: jsonBytes },
    { name: path, bytes: weights },
  ]).model;
}
