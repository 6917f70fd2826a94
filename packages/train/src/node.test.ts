import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from './checkpoint';
import { loadCheckpoint, saveCheckpoint } from './node';
import { LAB_RECIPE } from './recipe';

const ckpt: Checkpoint = {
  modelConfig: { inputSize: 2, hiddenSize: 1, bottleneckSize: 1 },
  trainConfig: LAB_RECIPE,
  epoch: 1,
  history: [],
  params: Float32Array.of(1, 2),
  optimizer: { step: 1, lr: 1e-3, m: Float32Array.of(3, 4), v: Float32Array.of(5, 6) },
  scheduler: { best: 0.5, numBadEpochs: 0, cooldownCounter: 0, lastEpoch: 1 },
  shuffler: [1, 2, 3, 4],
};

describe('saveCheckpoint / loadCheckpoint', () => {
  it('round-trips through a file, leaving only that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    const path = join(dir, 'checkpoint.ckpt');
    await saveCheckpoint(path, ckpt);
    await saveCheckpoint(path, { ...ckpt, epoch: 2 });
    expect(readdirSync(dir)).toEqual(['checkpoint.ckpt']);
    expect(await loadCheckpoint(path)).toEqual({ ...ckpt, epoch: 2 });
  });

  it('names a missing or foreign file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    await expect(loadCheckpoint(join(dir, 'x.ckpt'))).rejects.toThrow(`${join(dir, 'x.ckpt')}: checkpoint not found`);
    writeFileSync(join(dir, 'y.ckpt'), 'not a checkpoint');
    await expect(loadCheckpoint(join(dir, 'y.ckpt'))).rejects.toThrow(`${join(dir, 'y.ckpt')}: not a bottleneck checkpoint`);
  });
});
