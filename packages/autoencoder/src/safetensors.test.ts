import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readParameters } from './flat-parameters';
import { createAutoencoder } from './model';
import { fromSafetensors, toSafetensors } from './safetensors';
import { ModelFormatError } from './weights-format';

const SCRIPT = fileURLToPath(new URL('../test/safetensors_numpy.py', import.meta.url));
const canImport = (python: string, module: string) => {
  try {
    execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const hasNumpy = canImport('python3', 'numpy');
// real PyTorch, where a python with torch is named (TORCH_PYTHON) or is the default python3
const TORCH_PYTHON = process.env.TORCH_PYTHON ?? 'python3';
const hasTorch = hasNumpy && canImport(TORCH_PYTHON, 'torch');
if (!hasTorch) console.warn(`safetensors: no torch in ${TORCH_PYTHON}: the load_state_dict check is skipped`);

function header(bytes: Uint8Array): Record<string, { shape: number[]; data_offsets: number[] }> {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
}

/** A file with the header replaced (data kept), as a hostile writer would make it. */
function withHeader(bytes: Uint8Array, edit: (h: Record<string, unknown>) => void): Uint8Array {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const h = header(bytes) as Record<string, unknown>;
  edit(h);
  const json = new TextEncoder().encode(JSON.stringify(h));
  const out = new Uint8Array(8 + json.length + bytes.length - 8 - n);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(bytes.subarray(8 + n), 8 + json.length);
  return out;
}

describe('safetensors in the PyTorch layout', () => {
  const model = createAutoencoder({ inputSize: 12, hiddenSize: 5, bottleneckSize: 3, seed: 4 });
  const bytes = toSafetensors(model, { source: 'test' });

  it('writes nn.Linear [out, in] weights and round-trips every bit', () => {
    const h = header(bytes);
    expect(h['fc1.weight']!.shape).toEqual([5, 12]);
    expect(h['fc4.weight']!.shape).toEqual([12, 5]);
    expect((h as Record<string, unknown>).__metadata__).toEqual({ source: 'test' });
    // 8-byte aligned data, as the reference writer makes it
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
    const back = fromSafetensors(bytes, 'm.safetensors');
    expect(back.config).toEqual(model.config);
    expect(readParameters(back)).toEqual(readParameters(model));
    // fc1.weight[o][i] is the tfjs kernel[i][o]
    const [b0] = h['fc1.weight']!.data_offsets;
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const w01 = new DataView(bytes.buffer, 8 + n + b0! + 4 * 1).getFloat32(0, true);
    expect(w01).toBe(model.layers[0]!.kernel.arraySync()[1]![0]);
    back.dispose();
  });

  it('refuses hostile files with ModelFormatError, before allocating from them', () => {
    const cases: [Uint8Array, RegExp][] = [
      [
        withHeader(bytes, (h) => ((h['fc2.weight'] as { dtype: string }).dtype = 'F16')),
        /^h.safetensors: fc2.weight: dtype is "F16", expected F32 \(float32\)$/,
      ],
      [
        withHeader(bytes, (h) => ((h['fc2.bias'] as { shape: unknown }).shape = 'big')),
        /^h.safetensors: fc2.bias: shape must be a list of sizes$/,
      ],
      [
        withHeader(bytes, (h) => ((h['fc2.bias'] as { data_offsets: number[] }).data_offsets = [-1, 4])),
        /^h.safetensors: fc2.bias: data_offsets.0 must be an integer ≥ 0$/,
      ],
      [withHeader(bytes, (h) => (h['fc4.bias'] = 7)), /^h.safetensors: fc4.bias: is not a tensor entry$/],
      [
        withHeader(bytes, (h) => ((h['fc1.weight'] as { shape: number[] }).shape = [5, 1e6])),
        /inputSize must be an integer/,
      ],
      [
        withHeader(bytes, (h) => ((h['fc3.bias'] as { data_offsets: number[] }).data_offsets = [0, 20])),
        /overlap or leave gaps|does not fit/,
      ],
      [withHeader(bytes, (h) => (h.extra = h['fc1.bias'])), /expected exactly the tensors/],
      [bytes.subarray(0, bytes.length - 4), /data bytes, the header describes/],
    ];
    for (const [b, message] of cases) expect(() => fromSafetensors(b, 'h.safetensors')).toThrow(message);
    const huge = bytes.slice();
    new DataView(huge.buffer).setBigUint64(0, 2n ** 62n, true);
    expect(() => fromSafetensors(huge, 'h.safetensors')).toThrow(/header of \d+ bytes, expected at most 65536/);
    const nan = bytes.slice();
    new DataView(nan.buffer).setFloat32(nan.length - 4, Number.NaN, true);
    expect(() => fromSafetensors(nan, 'h.safetensors')).toThrow(/fc4.bias: value 11 is NaN/);
    const check = (b: Uint8Array) => {
      try {
        fromSafetensors(b, 'fuzz').dispose();
      } catch (error) {
        expect(error).toBeInstanceOf(ModelFormatError);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), check), { numRuns: 300 });
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const b = bytes.slice();
        b[at]! ^= x;
        check(b);
      }),
      { numRuns: 300 },
    );
  });

  describe.skipIf(!hasNumpy)('against an independent NumPy reader, writer and forward pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safetensors-'));
    const x = Float32Array.from({ length: 4 * 784 }, (_, i) => ((i * 7919) % 1000) / 1000);
    writeFileSync(join(dir, 'x.bin'), x);
    const ours = (m: ReturnType<typeof createAutoencoder>) =>
      tf.tidy(() => m.forward(tf.tensor2d(x, [4, 784])).dataSync() as Float32Array);
    const numpy = (file: string) =>
      JSON.parse(
        execFileSync('python3', [SCRIPT, 'forward', file, join(dir, 'x.bin')], { encoding: 'utf8' }),
      ) as number[];
    const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      Array.from(a).reduce((d, v, i) => Math.max(d, Math.abs(v - b[i]!)), 0);

    it('exports what NumPy reads back and predicts the same', () => {
      const lab = createAutoencoder({ seed: 1 });
      writeFileSync(join(dir, 'ours.safetensors'), toSafetensors(lab));
      expect(maxDiff(ours(lab), numpy(join(dir, 'ours.safetensors')))).toBeLessThan(1e-4);
      lab.dispose();
    });

    it.skipIf(!hasTorch)(
      'loads into the lab’s nn.Module with load_state_dict(strict=True) and predicts the same',
      () => {
        const lab = createAutoencoder({ seed: 2 });
        const file = join(dir, 'for-torch.safetensors');
        writeFileSync(file, toSafetensors(lab));
        const torch = JSON.parse(
          execFileSync(TORCH_PYTHON, [SCRIPT, 'torch', file, join(dir, 'x.bin')], { encoding: 'utf8' }),
        );
        expect(maxDiff(ours(lab), torch)).toBeLessThan(1e-4);
        lab.dispose();
      },
    );

    it('imports what NumPy writes in the PyTorch layout and predicts the same', () => {
      const file = join(dir, 'theirs.safetensors');
      execFileSync('python3', [SCRIPT, 'write', file, '5']);
      const m = fromSafetensors(new Uint8Array(readFileSync(file)), file);
      expect(m.config).toEqual({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 });
      expect(maxDiff(ours(m), numpy(file))).toBeLessThan(1e-4);
      m.dispose();
    });
  });
});
