import { describe, expect, it } from 'vitest';
import { inPieces } from './yield-to-page';

describe('inPieces', () => {
  it('covers the range in pieces of at most the size, with a macrotask between pieces', async () => {
    const pieces: [number, number][] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    await inPieces(
      10,
      (start, count) => {
        pieces.push([start, count]);
      },
      4,
    );
    clearInterval(timer);
    expect(pieces).toEqual([
      [0, 4],
      [4, 4],
      [8, 2],
    ]);
    expect(ticks).toBeGreaterThan(0);
  });
});
