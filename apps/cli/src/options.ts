import { MAX_NOISE_LEVEL, TRAIN_LIMITS } from '@bottleneck/train';
import { InvalidArgumentError } from 'commander';

/** Plain decimal numbers only: no hex (`0x10`), binary, `Infinity` or empty strings. */
const DECIMAL = /^[+]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^\+?\d+$/;

/**
 * The bounds of every flag that sizes memory or time, shown in `--help` and the README: each
 * allocation the CLI makes from a flag stays within them. The training settings' bounds are
 * `TRAIN_LIMITS`, the same a checkpoint's header is held to.
 */
export const LIMITS = {
  ...TRAIN_LIMITS,
  threads: 32,
  /** Images in one figure. */
  count: 100,
  steps: 100,
  level: MAX_NOISE_LEVEL,
} as const;

function integer(value: string, min: number, max: number, what: string): number {
  const n = Number(value.trim());
  if (!INTEGER.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`expected ${what}${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}.`);
  }
  return n;
}

function decimal(value: string, min: number, max: number, exclusiveMin: boolean, what: string): number {
  const n = Number(value.trim());
  if (!DECIMAL.test(value.trim()) || !Number.isFinite(n) || n < min || (exclusiveMin && n === min) || n > max) {
    throw new InvalidArgumentError(
      `expected ${what}${max < Number.MAX_VALUE ? ` up to ${max}` : ''} (a decimal number).`,
    );
  }
  return n;
}

export const positiveInt = (value: string): number => integer(value, 1, Number.MAX_SAFE_INTEGER, 'a positive integer');
export const nonNegativeInt = (value: string): number =>
  integer(value, 0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
export const nonNegativeNumber = (value: string): number =>
  decimal(value, 0, Number.MAX_VALUE, false, 'a non-negative number');
export const positiveNumber = (value: string): number => decimal(value, 0, Number.MAX_VALUE, true, 'a positive number');

/** A positive integer no larger than `max`. */
export const intUpTo =
  (max: number) =>
  (value: string): number =>
    integer(value, 1, max, 'a positive integer');

/** A number in (0, max] (`positive`) or [0, max]. */
export const numberUpTo =
  (max: number, positive: boolean) =>
  (value: string): number =>
    decimal(value, 0, max, positive, positive ? 'a positive number' : 'a non-negative number');

/** A path flag: not empty (`--out ''` would mean the current folder, `--data ''` the default data). */
export function path(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a path, not an empty string.');
  return value;
}
