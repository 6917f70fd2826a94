import { describe, expect, it } from 'vitest';
import { gridImage, toGrayImages, toRgba } from './gray-image';

describe('toGrayImages', () => {
  it('maps [0,1] to bytes, clipping outside values', () => {
    const [img] = toGrayImages([0, 0.5, 1, -3, 2, 0.2], { width: 3, height: 2 });
    expect([...img!.data]).toEqual([0, 128, 255, 0, 255, 51]);
  });

  it('accepts flat arrays of several images and rows', () => {
    expect(toGrayImages(new Float32Array(784 * 3))).toHaveLength(3);
    expect(toGrayImages([new Float32Array(4), new Float32Array(4)], { width: 2, height: 2 })).toHaveLength(2);
    expect(() => toGrayImages(new Float32Array(785))).toThrow(/not a whole number of 28x28 images/);
  });
});

describe('gridImage', () => {
  const a = { width: 2, height: 1, data: Uint8Array.of(10, 20) };
  const b = { width: 2, height: 1, data: Uint8Array.of(30, 40) };
  const c = { width: 2, height: 1, data: Uint8Array.of(50, 60) };

  it('places images left to right, top to bottom, with padding', () => {
    const g = gridImage([a, b, c], { columns: 2, padding: 1, background: 0 });
    // 2 columns: 1+2+1+2+1 = 7 wide; 2 rows: 1+1+1+1+1 = 5 high
    expect([g.width, g.height]).toEqual([7, 5]);
    const row = (y: number) => [...g.data.subarray(y * 7, y * 7 + 7)];
    expect(row(0)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row(1)).toEqual([0, 10, 20, 0, 30, 40, 0]);
    expect(row(3)).toEqual([0, 50, 60, 0, 0, 0, 0]);
  });

  it('upscales by nearest neighbour', () => {
    const g = gridImage([a], { scale: 2 });
    expect([g.width, g.height]).toEqual([4, 2]);
    expect([...g.data]).toEqual([10, 10, 20, 20, 10, 10, 20, 20]);
  });

  it('rejects mixed sizes and empty input', () => {
    expect(() => gridImage([a, { width: 1, height: 1, data: Uint8Array.of(0) }])).toThrow(
      /image 1 is 1x1, expected 2x1/,
    );
    expect(() => gridImage([])).toThrow(/no images/);
  });

  it('converts to RGBA for ImageData', () => {
    expect([...toRgba(a)]).toEqual([10, 10, 10, 255, 20, 20, 20, 255]);
  });
});
