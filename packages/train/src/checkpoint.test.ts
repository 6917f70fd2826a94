import fc from 'fast-check';
import CRC32 from 'crc-32';
import { describe, expect, it } from 'vitest';
import { type Checkpoint, CheckpointError, decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { TRAIN_LIMITS } from './limits';
import { LAB_RECIPE } from './recipe';

const ckpt: Checkpoint = {
  modelConfig: { inputSize: 1, hiddenSize: 1, bottleneckSize: 1 },
  trainConfig: LAB_RECIPE,
  epoch: 2,
  history: [
    { epoch: 1, trainLoss: 0.5, testMse: 0.4, lr: 1e-3, lrReduced: false, seconds: 1 },
    { epoch: 2, trainLoss: 0.3, testMse: null, lr: 1e-3, lrReduced: true, seconds: 1 },
  ],
  params: Float32Array.of(1, 2, 3, -1.5, 5, 6, 7, 8),
  optimizer: {
    step: 7,
    lr: 1e-4,
    m: Float32Array.of(0.1, 0.2, 0.3, 4, 0, 0, 0, 0),
    v: Float32Array.of(5, 6, 7, 8, 1, 1, 1, 1),
  },
  scheduler: { best: Infinity, numBadEpochs: 1, cooldownCounter: 0, lastEpoch: 2 },
  shuffler: [1, 2, 3, 4],
  data: { trainCount: 60000, fingerprint: 0xdeadbeef },
};

/** Re-signs a tampered file, as an attacker who knows the format would. */
function resign(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(12, CRC32.buf(out.subarray(16)) >>> 0, true);
  return out;
}

/** The checkpoint with one header field replaced, re-signed. */
function withHeader(edit: (h: Record<string, unknown>) => void): Uint8Array {
  const bytes = encodeCheckpoint(ckpt);
  const len = new DataView(bytes.buffer).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + len)));
  edit(header);
  const { params, optimizer } = ckpt;
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((16 + json.length) / 4) * 4;
  const out = new Uint8Array(start + 12 * params.length);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 16);
  const body = new Float32Array(out.buffer, start);
  body.set(params);
  body.set(optimizer.m, params.length);
  body.set(optimizer.v, 2 * params.length);
  return resign(out);
}

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

  it('rejects foreign, truncated and bit-flipped files, naming them', () => {
    const bytes = encodeCheckpoint(ckpt);
    expect(() => decodeCheckpoint(new TextEncoder().encode('hello world!!'), 'a.ckpt')).toThrow(
      'a.ckpt: not a bottleneck checkpoint',
    );
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4), 'b.ckpt')).toThrow('b.ckpt: checksum mismatch');
    expect(() => decodeCheckpoint(resign(bytes.subarray(0, bytes.length - 4)), 'b.ckpt')).toThrow(
      /b.ckpt: \d+ bytes, expected \d+ for 8 parameters/,
    );
    expect(() => decodeCheckpoint(bytes.subarray(0, 20), 'c.ckpt')).toThrow('c.ckpt: truncated or oversized header');
    // one bit anywhere: mid-body, in an exponent, in the header
    for (const [at, bit] of [
      [bytes.length - 20, 0],
      [bytes.length - 1, 6],
      [40, 1],
    ] as const) {
      const flipped = bytes.slice();
      flipped[at]! ^= 1 << bit;
      expect(() => decodeCheckpoint(flipped, 'd.ckpt')).toThrow('d.ckpt: checksum mismatch');
    }
  });

  it('checks every header field and refuses non-finite values, even when re-signed', () => {
    const nan = encodeCheckpoint(ckpt);
    new DataView(nan.buffer).setFloat32(nan.length - 4, Number.NaN, true);
    expect(() => decodeCheckpoint(resign(nan), 'e.ckpt')).toThrow(
      'e.ckpt: value 23 of the parameters and moments is NaN',
    );
    // biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary JSON
    const cases: [(h: Record<string, any>) => void, RegExp][] = [
      [(h) => (h.trainConfig.batchSize = 0), /trainConfig.batchSize must be an integer from 1/],
      [(h) => (h.trainConfig.lr = 'abc'), /trainConfig.lr must be a positive number/],
      [
        (h) => (h.modelConfig.bottleneckSize = 1e6),
        /^f.ckpt: modelConfig.bottleneckSize must be an integer from 1 to 8192$/,
      ],
      [(h) => (h.size = 9), /size does not match modelConfig/],
      [(h) => (h.epoch = 3), /history must hold one record per epoch/],
      [(h) => (h.history[0].trainLoss = 'x'), /^f.ckpt: history.0.trainLoss must be a number ≥ 0$/],
      [(h) => (h.shuffler = [-1]), /^f.ckpt: shuffler.0 must be an integer ≥ 0$/],
      [(h) => (h.data = { trainCount: 0, fingerprint: 1 }), /^f.ckpt: data.trainCount must be an integer ≥ 1$/],
      [(h) => delete h.data, /^f.ckpt: data is missing or malformed \(expected trainCount and fingerprint\)$/],
      // within the bounds of the flags, exactly: TRAIN_LIMITS
      [(h) => (h.trainConfig.lr = 1e6), /trainConfig.lr must be a positive number up to 10$/],
      [(h) => (h.trainConfig.weightDecay = 1e30), /trainConfig.weightDecay must be a number from 0 to 10$/],
      [(h) => (h.trainConfig.epochs = 100_001), /trainConfig.epochs must be an integer from 1 to 100000$/],
      [(h) => (h.trainConfig.patience = 1e9), /trainConfig.patience must be an integer from 0 to 100000$/],
      [(h) => (h.trainConfig.batchSize = 65_537), /trainConfig.batchSize must be an integer from 1 to 65536$/],
      [(h) => (h.optimizer.lr = 1e6), /^f.ckpt: optimizer.lr must be a number from 0 to 10$/],
      [(h) => (h.trainConfig.noise = 'salt'), /trainConfig.noise must be an object or null/],
      [(h) => (h.trainConfig.noise = { kind: 'uniform', level: -1, seed: 0 }), /trainConfig.noise.level must be/],
      // every field has its own message, naming the file and the field
      [(h) => (h.history[0].epoch = 2), /^f.ckpt: history.0.epoch must be 1$/],
      [(h) => (h.history[0].lrReduced = 'no'), /^f.ckpt: history.0.lrReduced must be true or false$/],
      [(h) => (h.scheduler.best = 'lots'), /^f.ckpt: scheduler.best must be a number or "Infinity"$/],
      [(h) => (h.optimizer.step = -1), /^f.ckpt: optimizer.step must be an integer ≥ 0$/],
      [(h) => (h.trainConfig.factor = 1), /^f.ckpt: trainConfig.factor must be in \[0, 1\)$/],
      [
        (h) => (h.trainConfig.noise = { kind: 'salt', level: 0.1, seed: 0 }),
        /^f.ckpt: trainConfig.noise.kind must be "uniform" or "gaussian"$/,
      ],
      [(h) => (h.model = { inputSize: 4 }), /^f.ckpt: model.layers: Invalid input/],
      [(h) => delete h.trainConfig, /^f.ckpt: trainConfig is missing$/],
    ];
    for (const [edit, message] of cases) expect(() => decodeCheckpoint(withHeader(edit), 'f.ckpt')).toThrow(message);
  });

  it('the bounds are the ones the flags have: TRAIN_LIMITS at its edges is accepted', () => {
    const L = TRAIN_LIMITS;
    const trainConfig = { ...ckpt.trainConfig, lr: L.lr, weightDecay: L.weightDecay, patience: L.patience };
    const edge = { ...ckpt, trainConfig: { ...trainConfig, epochs: L.epochs, batchSize: L.batchSize } };
    expect(decodeCheckpoint(encodeCheckpoint(edge)).trainConfig).toEqual(edge.trainConfig);
  });

  it('never writes non-finite parameters or Adam moments', () => {
    const m = ckpt.optimizer.m.slice();
    m[3] = Number.POSITIVE_INFINITY;
    expect(() => encodeCheckpoint({ ...ckpt, optimizer: { ...ckpt.optimizer, m } })).toThrow(
      /Adam m 3 is Infinity, expected finite numbers/,
    );
    const params = ckpt.params.slice();
    params[0] = Number.NaN;
    expect(() => encodeCheckpoint({ ...ckpt, params })).toThrow(/parameter 0 is NaN/);
  });

  it("keeps a denoising run's noise, and reads a checkpoint without the field as no noise", () => {
    const noise = { kind: 'gaussian' as const, level: 0.4, seed: 9 };
    const noisy = decodeCheckpoint(encodeCheckpoint({ ...ckpt, trainConfig: { ...ckpt.trainConfig, noise } }));
    expect(noisy.trainConfig.noise).toEqual(noise);
    const older = withHeader((h) => {
      delete (h.trainConfig as Record<string, unknown>).noise;
    });
    expect(decodeCheckpoint(older).trainConfig.noise).toBeNull();
  });

  it('turns arbitrary bytes and mutations into CheckpointError, never anything else', () => {
    const bytes = encodeCheckpoint(ckpt);
    const decodeOrError = (b: Uint8Array) => {
      try {
        decodeCheckpoint(b, 'fuzz');
      } catch (error) {
        expect(error).toBeInstanceOf(CheckpointError);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), decodeOrError), { numRuns: 500 });
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, x, sign) => {
        const b = bytes.slice();
        b[at]! ^= x;
        decodeOrError(sign ? resign(b) : b);
      }),
      { numRuns: 1000 },
    );
  });
});
