import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@bottleneck/autoencoder/node';
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from './checkpoint';

export * from './index';
export { writeFileAtomic };

/** Writes a checkpoint atomically: a crash mid-write leaves the previous checkpoint. */
export async function saveCheckpoint(path: string, ckpt: Checkpoint): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(ckpt));
}

export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    throw new Error(`${path}: checkpoint not found`);
  }
  return decodeCheckpoint(bytes, path);
}
