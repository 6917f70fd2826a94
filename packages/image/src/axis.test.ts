import { describe, expect, it } from 'vitest';
import { linearAxisTicks, logAxisTicks } from './axis';

const labelled = (ticks: { label: string }[]) => ticks.map((t) => t.label).filter(Boolean);

describe('logAxisTicks', () => {
  it('labels the digits of a range within a decade: the lab 0.026–0.107 gets 0.03 … 0.1', () => {
    // the hand-written axis this replaces labelled only 0.05 and 0.1 here
    expect(labelled(logAxisTicks(0.026, 0.107))).toEqual([
      '0.03',
      '0.04',
      '0.05',
      '0.06',
      '0.07',
      '0.08',
      '0.09',
      '0.1',
    ]);
    expect(labelled(logAxisTicks(0.026, 0.107, 5))).toEqual(['0.03', '0.04', '0.05', '0.06', '0.1']);
  });

  it('labels fewer digits the more decades are in view, and keeps grid lines at the rest', () => {
    const ticks = logAxisTicks(1e-4, 1, 5);
    expect(labelled(ticks)).toEqual(['0.0001', '0.001', '0.01', '0.1', '1']);
    expect(ticks.length).toBe(37);
    expect(labelled(logAxisTicks(0.01, 0.5, 5))).toEqual(['0.01', '0.02', '0.03', '0.1', '0.2', '0.3']);
  });

  it('labels at least two values of a range narrower than one digit step', () => {
    const labels = labelled(logAxisTicks(0.0825, 0.0875, 5)).map(Number);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...labels)).toBeGreaterThanOrEqual(0.0825);
    expect(Math.max(...labels)).toBeLessThanOrEqual(0.0875);
  });

  it('is bounded for any range: denormals, zero, the whole range of doubles, nonsense', () => {
    expect(logAxisTicks(0, 1e-300)).toEqual([]);
    expect(logAxisTicks(Number.NaN, 1)).toEqual([]);
    expect(logAxisTicks(1, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(logAxisTicks(2, 1)).toEqual([]);
    expect(logAxisTicks(5e-324, 5e-324)).toHaveLength(1);
    expect(logAxisTicks(5e-324, 1e-320).length).toBeLessThanOrEqual(2);
    const all = logAxisTicks(5e-324, 1e308);
    expect(all.length).toBeLessThanOrEqual(20);
    expect(all.every((t) => Number.isFinite(t.value) && t.value > 0)).toBe(true);
  });
});

describe('linearAxisTicks', () => {
  it('steps at 1, 2 or 5 times a power of ten', () => {
    expect(linearAxisTicks(1, 50).map((t) => t.value)).toEqual([10, 20, 30, 40, 50]);
    expect(labelled(linearAxisTicks(-1.3, 2.1))).toEqual(['−1', '−0.5', '0', '0.5', '1', '1.5', '2']);
    expect(labelled(linearAxisTicks(0, 2e15, 5, 'd'))).toEqual([
      '0',
      '500000000000000',
      '1000000000000000',
      '1500000000000000',
      '2000000000000000',
    ]);
  });

  it('is bounded for any range', () => {
    expect(linearAxisTicks(Number.NaN, 1)).toEqual([]);
    expect(linearAxisTicks(0, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(linearAxisTicks(-1.7e308, 1.7e308).every((t) => Number.isFinite(t.value))).toBe(true);
    expect(linearAxisTicks(5e-324, 1e-320).length).toBeLessThanOrEqual(2);
  });
});
