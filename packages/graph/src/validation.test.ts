import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { firstProblem, integerIn, numberIn, parseWith } from './validation';

describe('validation', () => {
  const schema = z.object({ epochs: integerIn(1, 10), lr: numberIn(0, 1, { above: true }), decay: numberIn(0, 2) });

  it('names the field and its range in one line', () => {
    expect(() => parseWith(schema, { epochs: 0, lr: 0.1, decay: 0 }, 'f.json')).toThrow(
      /^f.json: epochs must be an integer from 1 to 10$/,
    );
    expect(() => parseWith(schema, { epochs: 1, lr: 0, decay: 0 }, 'f.json')).toThrow(
      /^f.json: lr must be a positive number up to 1$/,
    );
    expect(firstProblem(schema, { epochs: 1, lr: 1, decay: Number.NaN })).toBe('decay must be a number from 0 to 2');
    expect(firstProblem(schema, { epochs: 1, lr: 1, decay: 'x' })).toBe('decay must be a number from 0 to 2');
    expect(firstProblem(schema, { epochs: 1, lr: 1, decay: 2 })).toBeUndefined();
  });

  it("keeps zod's own messages as sentences after a colon", () => {
    expect(firstProblem(z.object({ a: z.string() }), { a: 1 })).toMatch(/^a: Invalid input: expected string/);
    expect(firstProblem(integerIn(0, Number.MAX_SAFE_INTEGER), -1)).toBe('must be an integer ≥ 0');
  });
});
