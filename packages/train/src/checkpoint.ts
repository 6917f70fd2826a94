import type { AutoencoderConfig } from '@bottleneck/autoencoder';
import type { AdamState } from './adam';
import type { ReduceLROnPlateauState } from './reduce-lr-on-plateau';
import type { EpochRecord, TrainConfig } from './trainer';

/** A training run's full state after `epoch` completed epochs. */
export interface Checkpoint {
  modelConfig: AutoencoderConfig;
  trainConfig: TrainConfig;
  epoch: number;
  history: EpochRecord[];
  weights: Float32Array[];
  optimizer: AdamState;
  scheduler: ReduceLROnPlateauState;
  shuffler: number[];
}

const MAGIC = 'BNCKPT01';

interface Header extends Omit<Checkpoint, 'weights' | 'optimizer' | 'scheduler'> {
  optimizer: { step: number; lr: number };
  scheduler: Omit<ReduceLROnPlateauState, 'best'> & { best: number | string };
  /** Length of each float32 block that follows, in order: weights, m, v. */
  blocks: { weights: number[]; m: number[]; v: number[] };
}

/**
 * One file: 8-byte magic, u32 header length, the JSON header, zero padding to a multiple of 4,
 * then every float32 block (weights, Adam m, Adam v) little-endian.
 */
export function encodeCheckpoint(ckpt: Checkpoint): Uint8Array {
  const { weights, optimizer, scheduler, ...rest } = ckpt;
  const header: Header = {
    ...rest,
    optimizer: { step: optimizer.step, lr: optimizer.lr },
    // JSON has no Infinity: the scheduler's initial best is kept as a string
    scheduler: { ...scheduler, best: Number.isFinite(scheduler.best) ? scheduler.best : String(scheduler.best) },
    blocks: {
      weights: weights.map((w) => w.length),
      m: optimizer.m.map((w) => w.length),
      v: optimizer.v.map((w) => w.length),
    },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const blocks = [...weights, ...optimizer.m, ...optimizer.v];
  const floats = blocks.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(start + 4 * floats);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  const body = new Float32Array(out.buffer, start, floats);
  let o = 0;
  for (const b of blocks) {
    body.set(b, o);
    o += b.length;
  }
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
  const sizes = [...header.blocks.weights, ...header.blocks.m, ...header.blocks.v];
  const floats = sizes.reduce((n, s) => n + s, 0);
  if (bytes.length !== start + 4 * floats) {
    fail(`${bytes.length} bytes, expected ${start + 4 * floats} for the blocks its header lists`);
  }
  // copy so the blocks are aligned and independent of the file buffer
  const body = new Float32Array(bytes.slice(start).buffer);
  let o = 0;
  const take = (ns: number[]) =>
    ns.map((n) => {
      const b = body.slice(o, o + n);
      o += n;
      return b;
    });
  const weights = take(header.blocks.weights);
  const m = take(header.blocks.m);
  const v = take(header.blocks.v);
  const { blocks: _blocks, optimizer, scheduler, ...rest } = header;
  return {
    ...rest,
    weights,
    optimizer: { ...optimizer, m, v },
    scheduler: { ...scheduler, best: Number(scheduler.best) },
  };
}
