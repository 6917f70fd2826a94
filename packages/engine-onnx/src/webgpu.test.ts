// The WebGPU provider against the CPU one. Without a GPU it runs on SwiftShader's Vulkan driver
// (from Debian's chromium package), which .ci/run installs; elsewhere it skips with a note.
import { existsSync } from 'node:fs';
import { Pcg64 } from '@bottleneck/autoencoder';
import type { EngineSpec, TrainingEngine } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import { engineSpec, maxAbsDiff } from './engine-spec.test-helper';
import { loadOnnxRuntimeNode } from './node';
import { onnxEngine } from './onnx-engine';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;

const SIZES = { inputSize: 64, hiddenSize: 32, bottleneckSize: 4 };
const ROWS = 48;

const ort = await loadOnnxRuntimeNode();
const spec = (): EngineSpec => engineSpec(SIZES, 4, { maxRows: ROWS, weightDecay: 1e-5 });

let webgpu: TrainingEngine | undefined;
let reason = '';
try {
  webgpu = await onnxEngine(ort, { provider: 'webgpu' })(spec());
} catch (error) {
  reason = (error as Error).message.split('\n')[0]!;
}
if (!webgpu) {
  if (process.env.CI) throw new Error(`CI must run the WebGPU provider (libvulkan1 + SwiftShader): ${reason}`);
  console.warn(`skipping the WebGPU engine test: ${reason}`);
}

describe.skipIf(!webgpu)('OnnxEngine on WebGPU', () => {
  it('trains as the CPU provider does', async () => {
    const cpu = await onnxEngine(ort, { provider: 'cpu' })(spec());
    const gpu = webgpu!;
    for (let k = 0; k < 4; k++) {
      const x = new Float32Array(ROWS * SIZES.inputSize);
      new Pcg64(k).uniform(0, 1, x);
      const [a, b] = [await gpu.step(x, ROWS), await cpu.step(x, ROWS)];
      expect(Math.abs(a - b)).toBeLessThan(1e-5 * b);
    }
    const [p, q] = [gpu.parameters(), cpu.parameters()];
    expect(maxAbsDiff(p, q)).toBeLessThan(1e-4);
    const x = new Float32Array(ROWS * SIZES.inputSize).fill(0.25);
    expect(await gpu.sumSquaredError(x, ROWS)).toBeCloseTo(await cpu.sumSquaredError(x, ROWS), 4);
    await cpu.dispose();
    await gpu.dispose();
  });
});
