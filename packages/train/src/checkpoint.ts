import { type AutoencoderConfig, countParameters, validateConfig } from '@bottleneck/autoencoder';
import CRC32 from 'crc-32';
import {
  type AdamState,
  countParameters as countSpecParameters,
  type ModelSpec,
  parseModelSpec,
} from '@bottleneck/graph';
import { type InputNoise, validateInputNoise } from '@bottleneck/image';
import { TRAIN_LIMITS } from './limits';
import type { EpochRecord, TrainConfig } from './recipe';
import type { ReduceLROnPlateauState } from './reduce-lr-on-plateau';

/** What a run trained on, so that a resume can refuse other data. */
export interface DataIdentity {
  /** Training images used (after any limit). */
  trainCount: number;
  /** CRC-32 of those images' bytes and labels. */
  fingerprint: number;
}

/** A training run's full state after `epoch` completed epochs. */
export interface Checkpoint {
  /** The lab's sizes, as `--hidden` and `--bottleneck` give them (for the resume's flag check). */
  modelConfig: AutoencoderConfig;
  /** The model's layers; absent in checkpoints from before specs (then the MLP of `modelConfig`). */
  model?: ModelSpec;
  trainConfig: TrainConfig;
  epoch: number;
  history: EpochRecord[];
  /** Every parameter, flat, in `model.parameters` order. */
  params: Float32Array;
  optimizer: AdamState;
  scheduler: ReduceLROnPlateauState;
  shuffler: number[];
  /** Required: a resume refuses other data by it. */
  data: DataIdentity;
}

/** A checkpoint that cannot be used; the message names the file and what is wrong. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

const MAGIC = 'BNCKPT02';
const OLD_MAGIC = 'BNCKPT01';
/** The JSON header holds the history: 16 MiB is ~100,000 epochs. */
export const MAX_CHECKPOINT_HEADER_BYTES = 16 * 2 ** 20;
const PREFIX = 16;

interface Header extends Omit<Checkpoint, 'params' | 'optimizer' | 'scheduler'> {
  optimizer: { step: number; lr: number };
  scheduler: Omit<ReduceLROnPlateauState, 'best'> & { best: number | string };
  /** Number of parameters: the body holds params, Adam m and Adam v, each this long. */
  size: number;
}

const crc32 = (bytes: Uint8Array): number => CRC32.buf(bytes) >>> 0;

/** The first parameter or Adam moment that is not finite, e.g. `Adam v 12 is Infinity`; none: undefined. */
export function nonFiniteState(params: Float32Array, optimizer: Pick<AdamState, 'm' | 'v'>): string | undefined {
  for (const [name, values] of [
    ['parameter', params],
    ['Adam m', optimizer.m],
    ['Adam v', optimizer.v],
  ] as const) {
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return `${name} ${bad} is ${values[bad]}`;
  }
  return undefined;
}

/**
 * One file: 8-byte magic, u32 header length, u32 CRC-32 of everything after it, the JSON header,
 * zero padding to a multiple of 4, then three float32 vectors (params, Adam m, Adam v)
 * little-endian. The CRC catches any flipped bit; the header is checked field by field on load.
 */
export function encodeCheckpoint(ckpt: Checkpoint): Uint8Array {
  const { params, optimizer, scheduler, ...rest } = ckpt;
  const size = params.length;
  if (optimizer.m.length !== size || optimizer.v.length !== size) {
    throw new RangeError(`encodeCheckpoint: ${size} params but ${optimizer.m.length}/${optimizer.v.length} moments`);
  }
  // a checkpoint that cannot be read back must not replace one that can
  const nonFinite = nonFiniteState(params, optimizer);
  if (nonFinite) throw new RangeError(`encodeCheckpoint: ${nonFinite}, expected finite numbers`);
  const header: Header = {
    ...rest,
    optimizer: { step: optimizer.step, lr: optimizer.lr },
    // JSON has no Infinity: the scheduler's initial best is kept as a string
    scheduler: { ...scheduler, best: Number.isFinite(scheduler.best) ? scheduler.best : String(scheduler.best) },
    size,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((PREFIX + json.length) / 4) * 4;
  const out = new Uint8Array(start + 12 * size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, json.length, true);
  out.set(json, PREFIX);
  const body = new Float32Array(out.buffer, start, 3 * size);
  body.set(params, 0);
  body.set(optimizer.m, size);
  body.set(optimizer.v, 2 * size);
  view.setUint32(12, crc32(out.subarray(PREFIX)), true);
  return out;
}

type Check = (ok: boolean, what: string) => void;

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): v is number =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isNum = (v: unknown, min: number, max = Number.MAX_VALUE): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/** Each field within the bounds its flag has (`TRAIN_LIMITS`), or the recipe's own range. */
function checkTrainConfig(c: Partial<TrainConfig> | undefined, check: Check): void {
  check(typeof c === 'object' && c !== null, 'trainConfig is missing');
  const t = c!;
  const L = TRAIN_LIMITS;
  check(isInt(t.epochs, 1, L.epochs), `trainConfig.epochs must be an integer from 1 to ${L.epochs}`);
  check(isInt(t.batchSize, 1, L.batchSize), `trainConfig.batchSize must be an integer from 1 to ${L.batchSize}`);
  check(isNum(t.lr, Number.MIN_VALUE, L.lr), `trainConfig.lr must be a positive number up to ${L.lr}`);
  check(isNum(t.weightDecay, 0, L.weightDecay), `trainConfig.weightDecay must be a number from 0 to ${L.weightDecay}`);
  check(isInt(t.patience, 0, L.patience), `trainConfig.patience must be an integer from 0 to ${L.patience}`);
  check(isNum(t.factor, 0) && t.factor! < 1, 'trainConfig.factor must be in [0, 1)');
  check(isNum(t.threshold, 0, 1), 'trainConfig.threshold must be a number from 0 to 1');
  check(isInt(t.cooldown, 0, L.patience), `trainConfig.cooldown must be an integer from 0 to ${L.patience}`);
  check(isNum(t.minLr, 0, L.lr), `trainConfig.minLr must be a number from 0 to ${L.lr}`);
  // absent in checkpoints written before denoising training existed: no noise
  if (t.noise !== undefined && t.noise !== null) {
    let problem = typeof t.noise === 'object' ? '' : 'noise must be an object or null';
    try {
      if (!problem) validateInputNoise(t.noise as InputNoise);
    } catch (error) {
      problem = (error as Error).message;
    }
    check(!problem, `trainConfig.${problem}`);
  }
}

function checkHeader(h: Header, check: Check): void {
  check(typeof h === 'object' && h !== null, 'header is not an object');
  try {
    validateConfig(h.modelConfig);
  } catch (error) {
    check(false, `modelConfig: ${(error as Error).message}`);
  }
  let spec: ModelSpec | undefined;
  if (h.model !== undefined) {
    try {
      spec = parseModelSpec(h.model, 'model');
    } catch (error) {
      check(false, (error as Error).message);
    }
  }
  const expected = spec ? countSpecParameters(spec) : countParameters(h.modelConfig);
  check(isInt(h.size, 1) && h.size === expected, `size does not match ${spec ? 'model' : 'modelConfig'}`);
  checkTrainConfig(h.trainConfig, check);
  check(isInt(h.epoch, 0, TRAIN_LIMITS.epochs), `epoch must be an integer from 0 to ${TRAIN_LIMITS.epochs}`);
  check(Array.isArray(h.history) && h.history.length === h.epoch, 'history must hold one record per epoch');
  h.history.forEach((r, i) => {
    check(
      typeof r === 'object' &&
        r !== null &&
        r.epoch === i + 1 &&
        isNum(r.trainLoss, 0) &&
        (r.testMse === null || isNum(r.testMse, 0)) &&
        isNum(r.lr, 0) &&
        typeof r.lrReduced === 'boolean' &&
        isNum(r.seconds, 0),
      `history[${i}] is not an epoch record`,
    );
  });
  check(
    isInt(h.optimizer?.step, 0) && isNum(h.optimizer?.lr, 0, TRAIN_LIMITS.lr),
    `optimizer must hold a step ≥ 0 and an lr from 0 to ${TRAIN_LIMITS.lr}`,
  );
  const s = h.scheduler;
  check(
    typeof s === 'object' &&
      s !== null &&
      (isNum(s.best, -Number.MAX_VALUE) || s.best === 'Infinity' || s.best === '-Infinity') &&
      isInt(s.numBadEpochs, 0) &&
      isInt(s.cooldownCounter, 0) &&
      isInt(s.lastEpoch, 0),
    'scheduler state is malformed',
  );
  check(
    Array.isArray(h.shuffler) && h.shuffler.length <= 64 && h.shuffler.every((w) => isInt(w, 0, 2 ** 53)),
    'shuffler state is malformed',
  );
  check(
    typeof h.data === 'object' &&
      h.data !== null &&
      isInt(h.data.trainCount, 1) &&
      isInt(h.data.fingerprint, 0, 0xffffffff),
    'data identity (trainCount, fingerprint) is missing or malformed',
  );
}

/**
 * Reads a checkpoint written by `encodeCheckpoint`. Hostile bytes get a CheckpointError naming
 * `source`: the checksum is verified and every header field checked before the body is copied,
 * and the parameters and moments must be finite.
 */
export function decodeCheckpoint(bytes: Uint8Array, source = 'checkpoint'): Checkpoint {
  const check: Check = (ok, what) => {
    if (!ok) throw new CheckpointError(`${source}: ${what}`);
  };
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  check(magic !== OLD_MAGIC, 'a checkpoint of an older bottleneck without a checksum; train anew');
  check(bytes.length >= PREFIX && magic === MAGIC, `not a bottleneck checkpoint (expected magic ${MAGIC})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(8, true);
  check(len <= MAX_CHECKPOINT_HEADER_BYTES && PREFIX + len <= bytes.length, 'truncated or oversized header');
  check(crc32(bytes.subarray(PREFIX)) === view.getUint32(12, true), 'checksum mismatch: the file is corrupt');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + len))) as Header;
  } catch {
    return check(false, 'corrupt header') as never;
  }
  checkHeader(header, check);
  const start = Math.ceil((PREFIX + len) / 4) * 4;
  const { size, optimizer, scheduler, ...rest } = header;
  check(
    bytes.length === start + 12 * size,
    `${bytes.length} bytes, expected ${start + 12 * size} for ${size} parameters`,
  );
  // a copy, so the vectors are aligned and independent of the file's buffer (Uint8Array's slice:
  // a Node Buffer's own slice() is a view into a possibly larger, shared buffer)
  const body = new Float32Array(Uint8Array.prototype.slice.call(bytes, start).buffer);
  const bad = body.findIndex((v) => !Number.isFinite(v));
  check(bad < 0, `value ${bad} of the parameters and moments is ${body[bad]}, expected finite numbers`);
  return {
    ...rest,
    trainConfig: { ...rest.trainConfig, noise: rest.trainConfig.noise ?? null },
    params: body.slice(0, size),
    optimizer: { ...optimizer, m: body.slice(size, 2 * size), v: body.slice(2 * size) },
    scheduler: { ...scheduler, best: Number(scheduler.best) },
  };
}
