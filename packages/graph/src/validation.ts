import * as z from 'zod/mini';

// English messages ("Too big: expected number to be <=8192"); zod/mini ships none by default
z.config(z.locales.en());

/** A value that failed its schema; the message is one line naming where and what was expected. */
export class ValidationError extends RangeError {
  override name = 'ValidationError';
}

/** Messages that are predicates on the field they follow (`trainConfig.lr must be …`). */
const PREDICATE = /^(must|is|has|are)\b/;

/**
 * One issue as one line, `<path> <message>`. A predicate follows its field's path; any other
 * message (zod's `Too big: …`, a layer's `a conv2d layer takes …`) gets a colon after it.
 */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.path.length === 0) return issue.message;
  return `${issue.path.join('.')}${PREDICATE.test(issue.message) ? ' ' : ': '}${issue.message}`;
}

/** The first problem of `value` under `schema` as one line, or undefined when there is none. */
export function firstProblem<T>(schema: z.ZodMiniType<T>, value: unknown): string | undefined {
  const result = z.safeParse(schema, value);
  return result.success ? undefined : describe(result.error.issues[0]!);
}

/**
 * Parses `value` with `schema`, or throws a ValidationError `<source>: <path> <message>` for the
 * first problem (a path like `layers.2.units`).
 */
export function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown, source: string): T {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new ValidationError(`${source}: ${describe(result.error.issues[0]!)}`);
}

/** An integer in [min, max]; the message names the range. */
export function integerIn(min: number, max: number): z.ZodMiniInt {
  const error =
    max >= Number.MAX_SAFE_INTEGER ? `must be an integer ≥ ${min}` : `must be an integer from ${min} to ${max}`;
  return z.int({ error }).check(z.gte(min, { error }), z.lte(max, { error }));
}

/** A finite number in [min, max] (or (min, max] with `above`); the message names the range. */
export function numberIn(min: number, max: number, { above = false } = {}): z.ZodMiniNumber {
  const error = above
    ? min === 0
      ? `must be a positive number up to ${max}`
      : `must be a number above ${min} up to ${max}`
    : max >= Number.MAX_VALUE
      ? `must be a number ≥ ${min}`
      : `must be a number from ${min} to ${max}`;
  return z.number({ error }).check(above ? z.gt(min, { error }) : z.gte(min, { error }), z.lte(max, { error }));
}
