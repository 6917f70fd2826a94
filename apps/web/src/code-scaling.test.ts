import { describe, expect, it } from 'vitest';
import { codeRows, scalingOf } from './code-scaling';

describe('scalingOf', () => {
  it('scales codes that are never negative to unit length, and standardises signed ones', () => {
    expect(scalingOf([0, 1, 2, 0], 'by-sign')).toBe('unit-length');
    expect(scalingOf([0, 1, -0.5, 0], 'by-sign')).toBe('standardised');
    expect(scalingOf([0, -1], 'raw')).toBe('raw');
  });
});

describe('codeRows', () => {
  it('scales each row to length 1, or each number to mean 0 and spread 1 (a dead one stays 0)', () => {
    const codes = [3, 4, 0, 0, 2, 0, 6, 8, 0];
    for (const row of codeRows(codes, 3, 3, 'unit-length')) expect(Math.hypot(...row)).toBeCloseTo(1);
    const standard = codeRows(codes, 3, 3, 'standardised');
    for (const j of [0, 1]) {
      const column = standard.map((row) => row[j]!);
      expect(column.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
      expect(Math.hypot(...column) / Math.sqrt(3)).toBeCloseTo(1);
    }
    expect(standard.map((row) => row[2])).toEqual([0, 0, 0]);
    expect(codeRows(codes, 3, 3, 'raw').flat()).toEqual(codes);
  });
});
