import * as z from 'zod/mini';

// English messages ("Too big: expected number to be <=8192"); zod/mini ships none by default
z.config(z.locales.en());

/** A value that failed its schema; the message is one line naming where and what was expected. */
export class ValidationError extends RangeError {
  override name = 'ValidationError';
}

/**
 * Parses `value` with `schema`, or throws a ValidationError `<source>: <path>: <message>` for the
 * first problem (a path like `layers.2.units`).
 */
export function parseWith<T>(schema: z.ZodMiniType<T>, value: unknown, source: string): T {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ValidationError(`${source}: ${where}${issue.message}`);
}
