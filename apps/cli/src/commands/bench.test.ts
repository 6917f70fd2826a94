import { describe, expect, it } from 'vitest';
import { flopsPerSample, summarizeRatios } from './bench';

describe('flopsPerSample', () => {
  it('counts forward and backward matmuls, without the input gradient', () => {
    // the lab: 2·(784·392 + 392·8 + 8·392 + 392·784) forward, twice that backward less the first layer's dX
    const forward = 2 * (784 * 392 + 392 * 8 + 8 * 392 + 392 * 784);
    expect(
      flopsPerSample([
        [784, 392],
        [392, 8],
        [8, 392],
        [392, 784],
      ]),
    ).toBe(3 * forward - 2 * 784 * 392);
    // 186.65 GFLOP for a 60,000-image epoch, as the issue states
    expect(
      (flopsPerSample([
        [784, 392],
        [392, 8],
        [8, 392],
        [392, 784],
      ]) *
        60_000) /
        1e9,
    ).toBeCloseTo(186.65, 1);
  });
});

describe('summarizeRatios', () => {
  it('reports the median of each engine\u2019s per-round ratios and their range', () => {
    const lines = summarizeRatios(
      new Map([
        ['onnx-cpu 2 threads', [1.2, 0.9, 1.0]],
        ['wasm 2 threads', [7.5]],
      ]),
    );
    expect(lines[0]).toMatch(/^onnx-cpu 2 threads +1\.00x numpy, median of 3 rounds \(0\.90–1\.20\)$/);
    expect(lines[1]).toMatch(/^wasm 2 threads +7\.50x numpy, median of 1 round \(7\.50–7\.50\)$/);
    // an even count: the mean of the middle two
    expect(summarizeRatios(new Map([['e', [1.25, 2.45]]]))[0]).toContain('1.85x numpy, median of 2 rounds');
  });
});
