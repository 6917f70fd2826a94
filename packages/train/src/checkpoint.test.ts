import { describe, expect, it } from 'vitest';
import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { LAB_RECIPE } from './recipe';

const ckpt: Checkpoint = {
  modelConfig: { inputSize: 3, hiddenSize: 2, bottleneckSize: 1 },
  trainConfig: LAB_RECIPE,
  epoch: 2,
  history: [
    { epoch: 1, trainLoss: 0.5, testMse: 0.4, lr: 1e-3, lrReduced: false, seconds: 1 },
    { epoch: 2, trainLoss: 0.3, testMse: null, lr: 1e-3, lrReduced: true, seconds: 1 },
  ],
  params: Float32Array.of(1, 2, 3, -1.5),
  optimizer: { step: 7, lr: 1e-4, m: Float32Array.of(0.1, 0.2, 0.3, 4), v: Float32Array.of(5, 6, 7, 8) },
  scheduler: { best: Infinity, numBadEpochs: 1, cooldownCounter: 0, lastEpoch: 2 },
  shuffler: [1, -2, 3, -4],
};

describe('checkpoint encoding', () => {
  it('round-trips every field, Infinity included', () => {
    expect(decodeCheckpoint(encodeCheckpoint(ckpt))).toEqual(ckpt);
  });

  it('decodes from a Node Buffer that is a view into a larger buffer', () => {
    const bytes = encodeCheckpoint(ckpt);
    // e.g. what readFileSync returns for a small file: a slice of a shared pool, at an offset
    const pool = Buffer.alloc(bytes.length + 64, 0xff);
    pool.set(bytes, 16);
    expect(decodeCheckpoint(pool.subarray(16, 16 + bytes.length))).toEqual(ckpt);
  });

  it('rejects foreign and truncated files, naming them', () => {
    const bytes = encodeCheckpoint(ckpt);
    expect(() => decodeCheckpoint(new TextEncoder().encode('hello world!!'), 'a.ckpt')).toThrow(
      'a.ckpt: not a bottleneck checkpoint',
    );
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4), 'b.ckpt')).toThrow(/b.ckpt: \d+ bytes, expected \d+ for 4 parameters/);
    expect(() => decodeCheckpoint(bytes.subarray(0, 20), 'c.ckpt')).toThrow('c.ckpt: truncated header');
  });
});
