import { describe, expect, it } from 'vitest';
import { networkSvg } from './network-diagram';

const heights = (svg: string) =>
  [...svg.matchAll(/data-size="(\d+)"[^>]*height="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);

describe('networkSvg', () => {
  it('draws each layer to scale, from the model’s own sizes', () => {
    const h = heights(networkSvg({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }));
    expect(h.map(([s]) => s)).toEqual([784, 392, 8, 392, 784]);
    expect(h[1]![1] / h[0]![1]).toBeCloseTo(0.5, 2);
    // 8/784 of 180 px is under 2 px: the hairline minimum keeps it visible
    expect(h[2]![1]).toBeLessThan(2);
    const wide = heights(networkSvg({ inputSize: 784, hiddenSize: 100, bottleneckSize: 32 }));
    expect(wide[2]![1] / wide[0]![1]).toBeCloseTo(32 / 784, 2);
  });

  it('lights one callout cell per code number by its value', () => {
    const svg = networkSvg({ inputSize: 784, hiddenSize: 392, bottleneckSize: 4 }, [0, 2, 4, 8], 8);
    const lit = [...svg.matchAll(/class="net-cell"[^>]*fill-opacity="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(lit).toEqual([0, 0.25, 0.5, 1]);
  });
});
