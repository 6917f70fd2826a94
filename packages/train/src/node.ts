import { CONFIG_LIMITS } from '@bottleneck/autoencoder';
import { dirname } from 'node:path';
import { readRegularFile, writeFileAtomic } from '@bottleneck/node-io';
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint, MAX_CHECKPOINT_HEADER_BYTES } from './checkpoint';

/** No checkpoint of a model within `CONFIG_LIMITS` is larger. */
const MAX_CHECKPOINT_BYTES = 16 + MAX_CHECKPOINT_HEADER_BYTES + 4 + 12 * CONFIG_LIMITS.parameters;

/** Writes a checkpoint atomically: a crash mid-write leaves the previous checkpoint. */
export async function saveCheckpoint(path: string, ckpt: Checkpoint): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(ckpt));
}

/**
 * Reads and verifies a checkpoint; it must be a regular file of a plausible size inside its folder
 * (a symbolic link out of the run's folder is refused).
 */
export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  const bytes = await readRegularFile(path, {
    maxBytes: MAX_CHECKPOINT_BYTES,
    what: 'a checkpoint',
    inside: dirname(path),
  });
  return decodeCheckpoint(bytes, path);
}
