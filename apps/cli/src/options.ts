import {
  decimalText,
  integerText,
  MAX_NOISE_LEVEL,
  type NumberText,
  parseText,
  TRAIN_LIMITS,
  TRAIN_SETTINGS,
} from '@bottleneck/train';
import { InvalidArgumentError } from 'commander';

/**
 * The bounds of every flag that sizes memory or time, shown in `--help` and the README: each
 * allocation the CLI makes from a flag stays within them. The training settings' bounds are
 * `TRAIN_LIMITS`, the same a checkpoint's header and the page's fields are held to.
 */
export const LIMITS = {
  ...TRAIN_LIMITS,
  /** Images in one figure. */
  count: 100,
  steps: 100,
  level: MAX_NOISE_LEVEL,
} as const;

/**
 * A commander argument parser from a text schema (`TRAIN_SETTINGS` and the like): the number, or
 * the schema's one message, which commander prints after the flag's name.
 */
export const flagParser =
  (schema: NumberText) =>
  (value: string): number => {
    const parsed = parseText(schema, value);
    if ('error' in parsed) throw new InvalidArgumentError(parsed.error);
    return parsed.value;
  };

/** The training flags, parsed by the one definition of their bounds and messages. */
export const trainFlag = Object.fromEntries(
  Object.entries(TRAIN_SETTINGS).map(([name, schema]) => [name, flagParser(schema)]),
) as { [K in keyof typeof TRAIN_SETTINGS]: (value: string) => number };

export const positiveInt = flagParser(integerText(1));
export const nonNegativeInt = flagParser(integerText(0));

/** A positive integer no larger than `max`. */
export const intUpTo = (max: number): ((value: string) => number) => flagParser(integerText(1, max));

/** A number in (0, max] (`positive`) or [0, max]. */
export const numberUpTo = (max: number, positive: boolean): ((value: string) => number) =>
  flagParser(decimalText(max, positive));

/** A path flag: not empty (`--out ''` would mean the current folder, `--data ''` the default data). */
export function path(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a path, not an empty string.');
  return value;
}
