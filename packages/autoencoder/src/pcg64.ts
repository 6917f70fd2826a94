// NumPy's default generator, `np.random.default_rng(seed)`: SeedSequence → PCG64 (XSL-RR 128/64).
// Reproducing it exactly means `seed` here draws the same initial weights and batch orders as the
// NumPy reference of the lab, so a run can be compared with it step for step.

const MASK32 = 0xffffffff;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const PCG_MULTIPLIER = (2549297995355413924n << 64n) + 4865540595714422341n;

// SeedSequence constants (numpy/random/bit_generator.pyx)
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

const u32 = (x: number) => x >>> 0;
const mul32 = (a: number, b: number) => Math.imul(a, b) >>> 0;

/** The pool of `np.random.SeedSequence(seed)`, for a non-negative integer seed. */
function seedSequencePool(seed: number): number[] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  const entropy: number[] = [];
  let n = BigInt(seed);
  if (n === 0n) entropy.push(0);
  while (n > 0n) {
    entropy.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  let hashConst = INIT_A;
  const hashmix = (value: number) => {
    let v = u32(value ^ hashConst);
    hashConst = mul32(hashConst, MULT_A);
    v = mul32(v, hashConst);
    return u32(v ^ (v >>> 16));
  };
  const mix = (x: number, y: number) => {
    const r = u32(mul32(MIX_MULT_L, x) - mul32(MIX_MULT_R, y));
    return u32(r ^ (r >>> 16));
  };
  const pool = Array.from({ length: POOL_SIZE }, (_, i) => hashmix(entropy[i] ?? 0));
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst]!, hashmix(pool[src]!));
  }
  for (let src = POOL_SIZE; src < entropy.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst]!, hashmix(entropy[src]!));
  }
  return pool;
}

/** `SeedSequence(seed).generate_state(words * 2, uint32)` read as `words` little-endian uint64s. */
function generateState64(seed: number, words: number): bigint[] {
  const pool = seedSequencePool(seed);
  let hashConst = INIT_B;
  const out32: number[] = [];
  for (let i = 0; i < words * 2; i++) {
    let v = u32(pool[i % POOL_SIZE]! ^ hashConst);
    hashConst = mul32(hashConst, MULT_B);
    v = mul32(v, hashConst);
    out32.push(u32(v ^ (v >>> 16)));
  }
  return Array.from({ length: words }, (_, i) => (BigInt(out32[2 * i + 1]!) << 32n) | BigInt(out32[2 * i]!));
}

/** Serializable state: 128-bit state and increment as eight 32-bit words, then the uint32 buffer. */
export type Pcg64State = number[];

/**
 * `np.random.default_rng(seed)` in JS: the same doubles (`random`, `uniform`) and the same
 * `permutation`s, in the same order. Its state can be saved and restored exactly.
 */
export class Pcg64 {
  private state = 0n;
  private inc = 0n;
  // next32() hands out the two halves of one 64-bit draw, like numpy's pcg64_next32
  private hasUint32 = false;
  private uinteger = 0;

  constructor(seed = 0) {
    const [s0, s1, i0, i1] = generateState64(seed, 4) as [bigint, bigint, bigint, bigint];
    const initState = (s0 << 64n) | s1;
    const initSeq = (i0 << 64n) | i1;
    this.inc = ((initSeq << 1n) | 1n) & MASK128;
    this.step();
    this.state = (this.state + initState) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_MULTIPLIER + this.inc) & MASK128;
  }

  /** The next 64-bit output, as a BigInt. */
  next64(): bigint {
    this.step();
    const s = this.state;
    const x = ((s >> 64n) ^ s) & MASK64;
    const rot = s >> 122n;
    return ((x >> rot) | (x << ((64n - rot) & 63n))) & MASK64;
  }

  next32(): number {
    if (this.hasUint32) {
      this.hasUint32 = false;
      return this.uinteger;
    }
    const next = this.next64();
    this.hasUint32 = true;
    this.uinteger = Number(next >> 32n);
    return Number(next & 0xffffffffn);
  }

  /** A double in [0, 1) with 53 random bits (`Generator.random()`). */
  random(): number {
    return Number(this.next64() >> 11n) / 9007199254740992;
  }

  /** `Generator.uniform(low, high, n)`, written into `out` (rounded if it is a Float32Array). */
  uniform(low: number, high: number, out: Float32Array | Float64Array): Float32Array | Float64Array {
    const range = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + range * this.random();
    return out;
  }

  /** A uniform integer in [0, max] (numpy's `random_interval`: mask, then reject). */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > MASK32) throw new RangeError(`interval: max ${max} above 2^32 - 1 is not supported`);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.next32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** `Generator.permutation(n)`: Fisher-Yates from the end, written into `out` when given. */
  permutation(n: number, out: Uint32Array = new Uint32Array(n)): Uint32Array {
    if (out.length < n) throw new RangeError(`permutation: out has ${out.length} slots, need ${n}`);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }

  getState(): Pcg64State {
    const words = (x: bigint) => [0n, 32n, 64n, 96n].map((s) => Number((x >> s) & 0xffffffffn));
    return [...words(this.state), ...words(this.inc), this.hasUint32 ? 1 : 0, this.uinteger];
  }

  setState(state: readonly number[]): void {
    if (state.length !== 10 || !state.every((w) => Number.isInteger(w) && w >= 0 && w <= MASK32)) {
      throw new RangeError(`Pcg64 state must be 10 uint32 words, got [${state.slice(0, 12).join(', ')}]`);
    }
    const join = (w: readonly number[]) => w.reduce((acc, v, i) => acc | (BigInt(v) << BigInt(32 * i)), 0n);
    this.state = join(state.slice(0, 4));
    this.inc = join(state.slice(4, 8));
    this.hasUint32 = state[8] === 1;
    this.uinteger = state[9]!;
  }
}
