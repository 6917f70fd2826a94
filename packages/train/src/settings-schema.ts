import { MAX_NOISE_LEVEL } from '@bottleneck/image';
import * as z from 'zod/mini';
import { TRAIN_LIMITS } from './limits';

/** Plain decimal digits only: no hex (`0x10`), binary, exponent, sign but `+`, or empty text. */
const INTEGER = /^\+?\d+$/;
/** Plain decimal numbers only: no hex, `Infinity`, `NaN` or empty text. */
const DECIMAL = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A setting typed as text (a CLI flag, a page's input field), parsed to a number. */
export type NumberText = z.ZodMiniType<number, string>;

/**
 * Text holding a whole number from `min` (0 or 1) to `max`, surrounding spaces ignored. Every
 * refusal has the one message saying what is expected, e.g. `expected a positive integer up to 100000.`
 */
export function integerText(min: 0 | 1, max: number = Number.MAX_SAFE_INTEGER): NumberText {
  const bounded = max < Number.MAX_SAFE_INTEGER;
  const error = `expected ${min === 1 ? 'a positive' : 'a non-negative'} integer${bounded ? ` up to ${max}` : ''}.`;
  return z.pipe(
    z.string({ error }).check(z.trim(), z.regex(INTEGER, { error })),
    z.pipe(
      z.transform(Number),
      z.number({ error }).check(z.refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, { error })),
    ),
  );
}

/** Text holding a plain decimal number in (0, max] (`positive`) or [0, max]. */
export function decimalText(max: number, positive: boolean): NumberText {
  const bounded = max < Number.MAX_VALUE;
  const error = `expected ${positive ? 'a positive' : 'a non-negative'} number${bounded ? ` up to ${max}` : ''} (a decimal number).`;
  return z.pipe(
    z.string({ error }).check(z.trim(), z.regex(DECIMAL, { error })),
    z.pipe(
      z.transform(Number),
      z
        .number({ error })
        .check(z.refine((n) => Number.isFinite(n) && (positive ? n > 0 : n >= 0) && n <= max, { error })),
    ),
  );
}

/**
 * The training settings as a user types them (CLI flags, the page's fields): one definition with
 * the bounds of `TRAIN_LIMITS`, the same a checkpoint's header is held to, and one message each.
 */
export const TRAIN_SETTINGS = {
  epochs: integerText(1, TRAIN_LIMITS.epochs),
  batchSize: integerText(1, TRAIN_LIMITS.batchSize),
  lr: decimalText(TRAIN_LIMITS.lr, true),
  weightDecay: decimalText(TRAIN_LIMITS.weightDecay, false),
  patience: integerText(0, TRAIN_LIMITS.patience),
  seed: integerText(0),
  limit: integerText(1),
  threads: integerText(1, TRAIN_LIMITS.threads),
  noiseLevel: decimalText(MAX_NOISE_LEVEL, true),
} as const satisfies Record<string, NumberText>;

/** The first problem of `text` against `schema` as its message, or the number. */
export function parseText(schema: NumberText, text: string): { value: number } | { error: string } {
  const result = z.safeParse(schema, text);
  return result.success ? { value: result.data } : { error: result.error.issues[0]!.message };
}
