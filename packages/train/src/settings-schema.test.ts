import { describe, expect, it } from 'vitest';
import { TRAIN_LIMITS } from './limits';
import { decimalText, integerText, parseText, TRAIN_SETTINGS } from './settings-schema';

describe('TRAIN_SETTINGS', () => {
  it('parses plain decimal text within the bounds of TRAIN_LIMITS', () => {
    expect(parseText(TRAIN_SETTINGS.epochs, ' 50 ')).toEqual({ value: 50 });
    expect(parseText(TRAIN_SETTINGS.epochs, String(TRAIN_LIMITS.epochs))).toEqual({ value: TRAIN_LIMITS.epochs });
    expect(parseText(TRAIN_SETTINGS.lr, '1e-3')).toEqual({ value: 1e-3 });
    expect(parseText(TRAIN_SETTINGS.weightDecay, '0')).toEqual({ value: 0 });
    expect(parseText(TRAIN_SETTINGS.patience, '0')).toEqual({ value: 0 });
    expect(parseText(TRAIN_SETTINGS.threads, String(TRAIN_LIMITS.threads))).toEqual({ value: TRAIN_LIMITS.threads });
  });

  it('refuses everything else with one message saying what is expected', () => {
    const epochs = `expected a positive integer up to ${TRAIN_LIMITS.epochs}.`;
    for (const text of ['0', String(TRAIN_LIMITS.epochs + 1), '2.5', '0x10', '1e3', '', ' ', '-1', 'Infinity']) {
      expect(parseText(TRAIN_SETTINGS.epochs, text), text).toEqual({ error: epochs });
    }
    const lr = `expected a positive number up to ${TRAIN_LIMITS.lr} (a decimal number).`;
    for (const text of ['0', '11', 'Infinity', 'NaN', '0x1', '1e400', '']) {
      expect(parseText(TRAIN_SETTINGS.lr, text), text).toEqual({ error: lr });
    }
    expect(parseText(TRAIN_SETTINGS.threads, '33')).toEqual({ error: 'expected a positive integer up to 32.' });
    expect(parseText(integerText(0), '9007199254740993')).toEqual({ error: 'expected a non-negative integer.' });
    expect(parseText(decimalText(1, false), '-0.5')).toEqual({
      error: 'expected a non-negative number up to 1 (a decimal number).',
    });
  });
});
