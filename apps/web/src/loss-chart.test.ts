import { describe, expect, it } from 'vitest';
import { mlpSpec, presetSpec } from '@bottleneck/graph';
import { batchLossSummary, batchLossSvg, chartHint } from './loss-chart';
import { lossWords } from './loss-words';

const mse = lossWords(mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }));
const bce = lossWords(presetSpec('conv'));
const vae = lossWords(presetSpec('vae', { code: 2 }));
/** The labels of the loss's axis (left) and of the held-out MSE's own axis (right). */
const leftLabels = (svg: string) =>
  [...svg.matchAll(/text-anchor="end" fill="#333">([\d.]+)</g)].map((m) => Number(m[1]));
const rightLabels = (svg: string) => [...svg.matchAll(/class="test-label"[^>]*>([\d.]+)</g)].map((m) => Number(m[1]));

describe('batchLossSvg', () => {
  it('draws every batch, one mark per epoch end and the test MSE there', () => {
    const losses = Array.from({ length: 20 }, (_, i) => 0.2 / (1 + i));
    const svg = batchLossSvg({ losses, epochEnds: [10, 20], testMse: [0.03, 0.02], words: mse });
    const points = /class="batches"[^>]*points="([^"]*)"/.exec(svg)![1]!.split(' ');
    expect(points).toHaveLength(20);
    expect(svg.match(/class="epoch"/g)).toHaveLength(2);
    expect(svg.match(/class="test"/g)).toHaveLength(2);
    expect(svg).toContain('epoch 2');
    // a titled chart with both axes named; the held-out MSE shares the MSE's axis
    expect(svg).toContain('Training loss (MSE) per batch');
    expect(svg).toMatch(/>batch \(20 so far\)</);
    expect(svg).toMatch(/rotate\(-90\)[^>]*>MSE</);
    expect(svg).not.toContain('class="test-axis"');
  });

  it('shows a one-epoch run as a curve of its batches, and an empty run without failing', () => {
    const svg = batchLossSvg({ losses: [0.2, 0.1, 0.05, 0.04], epochEnds: [4], testMse: [null], words: mse });
    expect(/class="batches"[^>]*points="([^"]*)"/.exec(svg)![1]!.split(' ')).toHaveLength(4);
    expect(svg).not.toContain('NaN');
    expect(batchLossSvg({ losses: [], epochEnds: [], testMse: [], words: mse })).not.toContain('NaN');
  });

  it('labels at least two values on the y axis when the losses span less than a decade', () => {
    const svg = batchLossSvg({ losses: [0.031, 0.027, 0.026, 0.025], epochEnds: [4], testMse: [0.0258], words: mse });
    const labels = [...svg.matchAll(/text-anchor="end" fill="#333">([\d.]+)</g)].map((m) => Number(m[1]));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...labels)).toBeLessThan(0.027);
    expect(Math.max(...labels)).toBeGreaterThan(0.029);
  });

  it('labels a narrow range (a fine-tuned model) at a few round steps, not at each of its ticks', () => {
    const losses = [0.1225, 0.1364, 0.1276, 0.1279, 0.1346, 0.1225, 0.121, 0.1315, 0.1339, 0.132];
    const labels = leftLabels(batchLossSvg({ losses, epochEnds: [10], testMse: [0.0228], words: bce }));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.length).toBeLessThanOrEqual(7);
    expect(Math.min(...labels)).toBeLessThan(0.122);
    expect(Math.max(...labels)).toBeGreaterThan(0.136);
  });

  it('labels a run from 0.11 down to 0.026 at several digits of the decade', () => {
    const losses = Array.from({ length: 40 }, (_, i) => 0.107 * (0.026 / 0.107) ** (i / 39));
    const svg = batchLossSvg({ losses, epochEnds: [40], testMse: [null], words: mse });
    const labels = [...svg.matchAll(/text-anchor="end" fill="#333">([\d.]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['0.03', '0.04', '0.05', '0.06', '0.1']);
  });

  it('names a binary cross-entropy, and gives the held-out MSE an axis of its own', () => {
    const losses = [0.105, 0.103, 0.1, 0.099];
    const svg = batchLossSvg({ losses, epochEnds: [4], testMse: [0.0228], words: bce });
    expect(svg).toContain('>Training loss (binary cross-entropy) per batch<');
    expect(svg).toMatch(/rotate\(-90\)[^>]*>binary cross-entropy</);
    expect(svg).not.toMatch(/>MSE</);
    expect(svg).toMatch(/class="test-axis"[^>]*>held-out MSE \(dots\)</);
    // the loss's axis spans the losses alone; the MSE's spans the MSE
    expect(Math.min(...leftLabels(svg))).toBeGreaterThan(0.09);
    const right = rightLabels(svg);
    expect(right.length).toBeGreaterThanOrEqual(2);
    expect(right.length).toBeLessThanOrEqual(7);
    expect(Math.min(...right)).toBeLessThan(0.0228);
    expect(Math.max(...right)).toBeGreaterThan(0.0228);
    // one measurement sits in the middle of its own axis (32 top, 48 bottom, 300 high), not at an edge
    const cy = Number(/class="test" [^>]*cy="([\d.]+)"/.exec(svg)![1]);
    expect(cy).toBeCloseTo(32 + (300 - 32 - 48) / 2, 0);
  });

  it("keeps a VAE's loss per image (~150) apart from the held-out MSE (~0.04)", () => {
    const losses = [151.8, 156.2, 154, 157.1];
    const svg = batchLossSvg({ losses, epochEnds: [4], testMse: [0.0461], words: vae });
    expect(svg).toMatch(/rotate\(-90\)[^>]*>loss per image</);
    // its axis is not stretched down to the MSE: the curve spans a quarter of the frame, not a pixel row
    expect(Math.min(...leftLabels(svg))).toBeGreaterThan(100);
    const ys = /class="batches"[^>]*points="([^"]*)"/
      .exec(svg)![1]!
      .split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(50);
    expect(Math.max(...rightLabels(svg))).toBeLessThan(1);
  });

  it('wraps a long title on a narrow chart instead of running off it', () => {
    const svg = batchLossSvg({ losses: [150, 140], epochEnds: [], testMse: [], words: vae }, 380);
    const lines = [...svg.matchAll(/<tspan[^>]*>([^<]*)</g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Training loss per image (BCE summed over pixels + KL) per batch');
    for (const line of lines) expect(line.length * 9).toBeLessThanOrEqual(380 - 72);
  });

  it('says in words what it draws: the loss, its range and the held-out MSE', () => {
    const summary = batchLossSummary({ losses: [151.76, 157.03], epochEnds: [2], testMse: [0.04612], words: vae });
    expect(summary).toBe(
      'Training loss per image (BCE summed over pixels + KL) per batch, on a log scale: 2 batches, from 151.8 to 157.0. Held-out MSE (right axis): 0.0461 after epoch 1.',
    );
    expect(batchLossSummary({ losses: [], epochEnds: [], testMse: [], words: mse })).toBe(
      'Training loss (MSE) per batch, on a log scale.',
    );
    expect(chartHint(bce)).toMatch(/binary cross-entropy\) of each batch \(left axis\).*right axis/);
    expect(chartHint(mse)).toMatch(/on the same axis/);
  });
});
