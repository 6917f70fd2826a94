import type { AutoencoderConfig } from '@bottleneck/autoencoder';
import type { AdamState } from './adam';
import type { ReduceLROnPlateauState } from './reduce-lr-on-plateau';
import type { EpochRecord, TrainConfig } from './recipe';

/** A training run's full state after `epoch` completed epochs. */
export interface Checkpoint {
  modelConfig: AutoencoderConfig;
  trainConfig: TrainConfig;
  epoch: number;
  history: EpochRecord[];
  /** Every parameter, flat, in `model.parameters` order. */
  params: Float32Array;
  optimizer: AdamState;
  scheduler: ReduceLROnPlateauState;
  shuffler: number[];
}

const MAGIC = 'BNCKPT01';

interface Header extends Omit<Checkpoint, 'params' | 'optimizer' | 'scheduler'> {
  optimizer: { step: number; lr: number };
  scheduler: Omit<ReduceLROnPlateauState, 'best'> & { best: number | string };
  /** Number of parameters: the body holds params, Adam m and Adam v, each this long. */
  size: number;
}

/**
 * One file: 8-byte magic, u32 header length, the JSON header, zero padding to a multiple of 4,
 * then three float32 vectors (params, Adam m, Adam v) little-endian.
 */
export function encodeCheckpoint(ckpt: Checkpoint): Uint8Array {
  const { params, optimizer, scheduler, ...rest } = ckpt;
  const size = params.length;
  if (optimizer.m.length !== size || optimizer.v.length !== size) {
    throw new RangeError(`encodeCheckpoint: ${size} params but ${optimizer.m.length}/${optimizer.v.length} moments`);
  }
  const header: Header = {
    ...rest,
    optimizer: { step: optimizer.step, lr: optimizer.lr },
    // JSON has no Infinity: the scheduler's initial best is kept as a string
    scheduler: { ...scheduler, best: Number.isFinite(scheduler.best) ? scheduler.best : String(scheduler.best) },
    size,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const out = new Uint8Array(start + 12 * size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  const body = new Float32Array(out.buffer, start, 3 * size);
  body.set(params, 0);
  body.set(optimizer.m, size);
  body.set(optimizer.v, 2 * size);
  return out;
}

export function decodeCheckpoint(bytes: Uint8Array, source = 'checkpoint'): Checkpoint {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    fail(`not a bottleneck checkpoint (expected magic ${MAGIC})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(8, true);
  if (12 + len > bytes.length) fail('truncated header');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as Header;
  } catch {
    return fail('corrupt header');
  }
  const start = Math.ceil((12 + len) / 4) * 4;
  const { size, optimizer, scheduler, ...rest } = header;
  if (bytes.length !== start + 12 * size) {
    fail(`${bytes.length} bytes, expected ${start + 12 * size} for ${size} parameters`);
  }
  // a copy, so the vectors are aligned and independent of the file's buffer (Uint8Array's slice:
  // a Node Buffer's own slice() is a view into a possibly larger, shared buffer)
  const body = new Float32Array(Uint8Array.prototype.slice.call(bytes, start).buffer);
  return {
    ...rest,
    params: body.slice(0, size),
    optimizer: { ...optimizer, m: body.slice(size, 2 * size), v: body.slice(2 * size) },
    scheduler: { ...scheduler, best: Number(scheduler.best) },
  };
}
