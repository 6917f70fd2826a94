import { mlpSpec, parameterLayout } from '@bottleneck/graph';
import { describe, expect, it } from 'vitest';
import { updateShare } from './update-share';

const layout = parameterLayout(mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }));
const size = (share: { size: number }[]) => share.reduce((n, p) => n + p.size, 0);

describe('updateShare', () => {
  it('gives every tensor exactly one owner, in layout order', () => {
    for (const workers of [1, 2, 3, 5, 16]) {
      const shares = Array.from({ length: workers }, (_, i) => updateShare(layout, workers, i));
      expect(shares.flat().map((p) => p.name)).toEqual(layout.map((p) => p.name));
    }
  });

  it("splits the lab's model near evenly between two workers", () => {
    const [a, b] = [updateShare(layout, 2, 0), updateShare(layout, 2, 1)];
    expect(a.map((p) => p.name)).toEqual(['w1', 'b1', 'w2', 'b2']);
    expect(Math.abs(size(a) - size(b)) / size(layout)).toBeLessThan(0.01);
  });
});
