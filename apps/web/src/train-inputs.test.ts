import { describe, expect, it } from 'vitest';
import { parseTrainInputs } from './train-inputs';

describe('parseTrainInputs', () => {
  it('accepts whole numbers within bounds', () => {
    expect(parseTrainInputs('5', '256', 5000)).toEqual({ epochs: 5, batchSize: 256 });
    expect(parseTrainInputs(' 200 ', '5000', 5000)).toEqual({ epochs: 200, batchSize: 5000 });
  });

  it('refuses out-of-range, fractional and non-numeric values with one line naming the field', () => {
    for (const [epochs, batch, field] of [
      ['100000', '256', /^epochs: expected a whole number from 1 to 200/],
      ['0', '256', /^epochs:/],
      ['2.5', '256', /^epochs:/],
      ['', '256', /^epochs:/],
      ['5', '0', /^batch \(at most the 5,000 training images\): expected/],
      ['5', '6000', /^batch/],
      ['5', '1e3', /^batch/],
    ] as const) {
      const r = parseTrainInputs(epochs, batch, 5000);
      expect('error' in r && r.error, `${epochs} / ${batch}`).toMatch(field);
      expect('error' in r && r.error).not.toContain('\n');
    }
  });
});
