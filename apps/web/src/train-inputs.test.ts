import { TRAIN_LIMITS } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import { parseTrainInputs } from './train-inputs';

describe('parseTrainInputs', () => {
  it('accepts whole numbers within bounds', () => {
    expect(parseTrainInputs('5', '256', 5000)).toEqual({ epochs: 5, batchSize: 256 });
    expect(parseTrainInputs(' 200 ', '5000', 5000)).toEqual({ epochs: 200, batchSize: 5000 });
    expect(parseTrainInputs(String(TRAIN_LIMITS.epochs), '1', 5000)).toEqual({
      epochs: TRAIN_LIMITS.epochs,
      batchSize: 1,
    });
  });

  it("refuses what the CLI's flags refuse, with the flags' message and one line naming the field", () => {
    for (const [epochs, batch, field] of [
      [String(TRAIN_LIMITS.epochs + 1), '256', /^epochs: expected a positive integer up to 100000\.$/],
      ['0', '256', /^epochs: expected a positive integer/],
      ['2.5', '256', /^epochs:/],
      ['0x10', '256', /^epochs:/],
      ['', '256', /^epochs:/],
      ['5', '0', /^batch: expected a positive integer up to 65536\.$/],
      ['5', '6000', /^batch \(at most the 5,000 training images\): expected a positive integer up to 5000\.$/],
      ['5', '1e3', /^batch:/],
    ] as const) {
      const r = parseTrainInputs(epochs, batch, 5000);
      expect('error' in r && r.error, `${epochs} / ${batch}`).toMatch(field);
      expect('error' in r && r.error).not.toContain('\n');
    }
  });
});
