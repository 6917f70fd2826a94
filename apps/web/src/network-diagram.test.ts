import { mlpSpec, presetSpec } from '@bottleneck/graph';
import { describe, expect, it } from 'vitest';
import { networkBars, networkSvg } from './network-diagram';

const heights = (svg: string) =>
  [...svg.matchAll(/data-size="(\d+)"[^>]*height="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);

describe('networkSvg', () => {
  it('draws each layer to scale, from the model’s own sizes', () => {
    const h = heights(networkSvg(mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 })));
    expect(h.map(([s]) => s)).toEqual([784, 392, 8, 392, 784]);
    expect(h[1]![1] / h[0]![1]).toBeCloseTo(0.5, 2);
    // 8/784 of 180 px is under 2 px: the hairline minimum keeps it visible
    expect(h[2]![1]).toBeLessThan(2);
    const wide = heights(networkSvg(mlpSpec({ inputSize: 784, hiddenSize: 100, bottleneckSize: 32 })));
    expect(wide[2]![1] / wide[0]![1]).toBeCloseTo(32 / 784, 2);
  });

  it('lights one callout cell per code number by its value', () => {
    const svg = networkSvg(mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 4 }), [0, 2, 4, 8], 8);
    const lit = [...svg.matchAll(/class="net-cell"[^>]*fill-opacity="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(lit).toEqual([0, 0.25, 0.5, 1]);
  });

  it('draws a conv model’s feature maps as such, its code where its encoder ends', () => {
    const { bars, code } = networkBars(presetSpec('conv', { code: 4 }));
    expect(bars.map((b) => b.label)).toEqual(['784', '16×14×14', '32×7×7', '4', '1,568', '16×14×14', '1×28×28']);
    expect(bars.map((b) => b.conv)).toEqual([false, true, true, false, false, true, true]);
    expect(code).toBe(3);
    const svg = networkSvg(presetSpec('conv', { code: 4 }), [1, 1, 1, 1]);
    expect(svg.match(/class="net-cell"/g)).toHaveLength(4);
    expect(svg).toContain('net-layer net-conv');
  });

  it('puts a VAE’s code at its latent (μ), not at its hidden layer', () => {
    const { bars, code } = networkBars(presetSpec('vae', { code: 2 }));
    expect(bars[code]!.size).toBe(2);
  });
});
