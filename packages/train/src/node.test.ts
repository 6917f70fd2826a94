import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from './checkpoint';
import { loadCheckpoint, saveCheckpoint } from './node';
import { LAB_RECIPE } from './recipe';

const ckpt: Checkpoint = {
  modelConfig: { inputSize: 1, hiddenSize: 1, bottleneckSize: 1 },
  trainConfig: LAB_RECIPE,
  epoch: 0,
  history: [],
  params: new Float32Array(8).fill(1),
  optimizer: { step: 1, lr: 1e-3, m: new Float32Array(8).fill(3), v: new Float32Array(8).fill(5) },
  scheduler: { best: 0.5, numBadEpochs: 0, cooldownCounter: 0, lastEpoch: 1 },
  shuffler: [1, 2, 3, 4],
  data: { trainCount: 4, fingerprint: 7 },
};

describe('saveCheckpoint / loadCheckpoint', () => {
  it('round-trips through a file, leaving only that file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    const path = join(dir, 'checkpoint.ckpt');
    await saveCheckpoint(path, ckpt);
    const second = { ...ckpt, params: new Float32Array(8).fill(2) };
    await saveCheckpoint(path, second);
    expect(readdirSync(dir)).toEqual(['checkpoint.ckpt']);
    expect(await loadCheckpoint(path)).toEqual(second);
  });

  it('names a missing or foreign file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    await expect(loadCheckpoint(join(dir, 'x.ckpt'))).rejects.toThrow(
      `${join(dir, 'x.ckpt')}: not found (expected a checkpoint)`,
    );
    writeFileSync(join(dir, 'y.ckpt'), 'not a checkpoint');
    await expect(loadCheckpoint(join(dir, 'y.ckpt'))).rejects.toThrow(
      `${join(dir, 'y.ckpt')}: not a bottleneck checkpoint`,
    );
    await expect(loadCheckpoint(dir)).rejects.toThrow(`${dir}: is a folder, expected a checkpoint`);
    await expect(loadCheckpoint('/dev/zero')).rejects.toThrow('/dev/zero: is not a regular file');
  });

  it('follows no symbolic link out of the run folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ckpt-'));
    await saveCheckpoint(join(root, 'elsewhere.ckpt'), ckpt);
    mkdirSync(join(root, 'run'));
    symlinkSync('../elsewhere.ckpt', join(root, 'run', 'checkpoint.ckpt'));
    await expect(loadCheckpoint(join(root, 'run', 'checkpoint.ckpt'))).rejects.toThrow(
      /checkpoint.ckpt: leads outside .*run \(a symbolic link\)/,
    );
  });
});
