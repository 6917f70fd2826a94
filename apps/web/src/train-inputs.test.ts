import { LAB_RECIPE, TRAIN_LIMITS } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LR, parseTrainInputs } from './train-inputs';

const fields = (epochs: string, batch: string, lr = '0.001') => ({ epochs, batch, lr });

describe('parseTrainInputs', () => {
  it('accepts whole numbers within bounds', () => {
    expect(parseTrainInputs(fields('5', '256'), 5000)).toEqual({ epochs: 5, batchSize: 256, lr: 0.001 });
    expect(parseTrainInputs(fields(' 200 ', '5000'), 5000)).toEqual({ epochs: 200, batchSize: 5000, lr: 0.001 });
    expect(parseTrainInputs(fields(String(TRAIN_LIMITS.epochs), '1'), 5000)).toEqual({
      epochs: TRAIN_LIMITS.epochs,
      batchSize: 1,
      lr: 0.001,
    });
  });

  it('takes a learning rate as the CLI takes --lr: a decimal number, exponent allowed', () => {
    for (const [text, lr] of [
      ['1e-4', 1e-4],
      [' 0.0003 ', 3e-4],
      ['3E-4', 3e-4],
      ['.01', 0.01],
      [String(TRAIN_LIMITS.lr), TRAIN_LIMITS.lr],
    ] as const) {
      expect(parseTrainInputs(fields('5', '256', text), 5000), text).toEqual({ epochs: 5, batchSize: 256, lr });
    }
  });

  it("refuses what the CLI's flags refuse, with the flags' message and one line naming the field", () => {
    for (const [epochs, batch, lr, field] of [
      [String(TRAIN_LIMITS.epochs + 1), '256', '0.001', /^epochs: expected a positive integer up to 100000\.$/],
      ['0', '256', '0.001', /^epochs: expected a positive integer/],
      ['2.5', '256', '0.001', /^epochs:/],
      ['0x10', '256', '0.001', /^epochs:/],
      ['', '256', '0.001', /^epochs:/],
      ['5', '0', '0.001', /^batch: expected a positive integer up to 65536\.$/],
      ['5', '6000', '0.001', /^batch \(at most the 5,000 training images\): expected a positive integer up to 5000\.$/],
      ['5', '1e3', '0.001', /^batch:/],
      ['5', '256', '0', /^learning rate: expected a positive number up to 10 \(a decimal number\)\.$/],
      ['5', '256', '11', /^learning rate: expected a positive number up to 10 /],
      ['5', '256', '-0.001', /^learning rate:/],
      ['5', '256', '', /^learning rate:/],
      ['5', '256', 'Infinity', /^learning rate:/],
      ['5', '256', 'NaN', /^learning rate:/],
      ['5', '256', '0x1', /^learning rate:/],
      ['5', '256', '1e-4 ; 1', /^learning rate:/],
    ] as const) {
      const r = parseTrainInputs(fields(epochs, batch, lr), 5000);
      expect('error' in r && r.error, `${epochs} / ${batch} / ${lr}`).toMatch(field);
      expect('error' in r && r.error).not.toContain('\n');
    }
  });
});

describe('DEFAULT_LR', () => {
  it("is the lab's rate from scratch and a smaller, valid one for fine-tuning", () => {
    expect(DEFAULT_LR.scratch).toBe(LAB_RECIPE.lr);
    expect(DEFAULT_LR.finetune).toBeLessThan(LAB_RECIPE.lr);
    // the page writes the defaults into its field as lr.toExponential(): the parser must take that text back
    for (const lr of Object.values(DEFAULT_LR))
      expect(parseTrainInputs(fields('5', '256', lr.toExponential()), 5000)).toEqual({
        epochs: 5,
        batchSize: 256,
        lr,
      });
  });
});
