import { type AutoencoderConfig, countParameters } from '@bottleneck/autoencoder';
import CRC32 from 'crc-32';
import { type AdamState, countParameters as countSpecParameters, type ModelSpec } from '@bottleneck/graph';
import { parseWith } from '@bottleneck/graph/internal';
import { type CheckpointHeader, checkpointHeaderSchema } from './checkpoint-header';
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

/** The header's fields by their schema, then the relations between them. */
function parseHeader(json: unknown, source: string, check: Check): CheckpointHeader {
  let h: CheckpointHeader;
  try {
    h = parseWith(checkpointHeaderSchema, json, source);
  } catch (error) {
    throw new CheckpointError((error as Error).message);
  }
  const expected = h.model ? countSpecParameters(h.model) : countParameters(h.modelConfig);
  check(h.size === expected, `size does not match ${h.model ? 'model' : 'modelConfig'}`);
  check(h.history.length === h.epoch, 'history must hold one record per epoch');
  const misplaced = h.history.findIndex((r, i) => r.epoch !== i + 1);
  check(misplaced < 0, `history.${misplaced}.epoch must be ${misplaced + 1}`);
  return h;
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
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + len)));
  } catch {
    return check(false, 'corrupt header') as never;
  }
  const header = parseHeader(json, source, check);
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
