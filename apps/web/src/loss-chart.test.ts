import { describe, expect, it } from 'vitest';
import { batchLossSvg } from './loss-chart';

describe('batchLossSvg', () => {
  it('draws every batch, one mark per epoch end and the test MSE there', () => {
    const losses = Array.from({ length: 20 }, (_, i) => 0.2 / (1 + i));
    const svg = batchLossSvg({ losses, epochEnds: [10, 20], testMse: [0.03, 0.02] });
    const points = /class="batches"[^>]*points="([^"]*)"/.exec(svg)![1]!.split(' ');
    expect(points).toHaveLength(20);
    expect(svg.match(/class="epoch"/g)).toHaveLength(2);
    expect(svg.match(/class="test"/g)).toHaveLength(2);
    expect(svg).toContain('epoch 2');
    // a titled chart with both axes named
    expect(svg).toContain('Training loss (MSE) per batch');
    expect(svg).toMatch(/>batch \(20 so far\)</);
    expect(svg).toMatch(/rotate\(-90\)[^>]*>MSE</);
  });

  it('shows a one-epoch run as a curve of its batches, and an empty run without failing', () => {
    const svg = batchLossSvg({ losses: [0.2, 0.1, 0.05, 0.04], epochEnds: [4], testMse: [null] });
    expect(/class="batches"[^>]*points="([^"]*)"/.exec(svg)![1]!.split(' ')).toHaveLength(4);
    expect(svg).not.toContain('NaN');
    expect(batchLossSvg({ losses: [], epochEnds: [], testMse: [] })).not.toContain('NaN');
  });

  it('labels at least two values on the y axis when the losses span less than a decade', () => {
    const svg = batchLossSvg({ losses: [0.031, 0.027, 0.026, 0.025], epochEnds: [4], testMse: [0.0258] });
    const labels = [...svg.matchAll(/text-anchor="end" fill="#333">([\d.]+)</g)].map((m) => Number(m[1]));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...labels)).toBeLessThan(0.027);
    expect(Math.max(...labels)).toBeGreaterThan(0.029);
  });

  it('labels a run from 0.11 down to 0.026 at several digits of the decade', () => {
    const losses = Array.from({ length: 40 }, (_, i) => 0.107 * (0.026 / 0.107) ** (i / 39));
    const svg = batchLossSvg({ losses, epochEnds: [40], testMse: [null] });
    const labels = [...svg.matchAll(/text-anchor="end" fill="#333">([\d.]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['0.03', '0.04', '0.05', '0.06', '0.1']);
  });
});
