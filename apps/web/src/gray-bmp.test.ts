import { describe, expect, it } from 'vitest';
import { grayBmp, grayBmpUrl } from './gray-bmp';

describe('grayBmp', () => {
  // 3×2, so each row is padded from 3 to 4 bytes
  const img = { width: 3, height: 2, data: Uint8Array.from([0, 128, 255, 10, 20, 30]) };

  it('writes an 8-bit, top-down BMP with a grey palette', () => {
    const bmp = grayBmp(img);
    const view = new DataView(bmp.buffer);
    expect(String.fromCharCode(bmp[0]!, bmp[1]!)).toBe('BM');
    expect(view.getUint32(2, true)).toBe(bmp.length);
    expect(bmp.length).toBe(14 + 40 + 1024 + 2 * 4);
    expect(view.getInt32(18, true)).toBe(3);
    expect(view.getInt32(22, true)).toBe(-2);
    expect(view.getUint16(28, true)).toBe(8);
    const offset = view.getUint32(10, true);
    // palette entry v is (v, v, v)
    expect([...bmp.subarray(54 + 4 * 200, 54 + 4 * 201)]).toEqual([200, 200, 200, 0]);
    expect([...bmp.subarray(offset, offset + 8)]).toEqual([0, 128, 255, 0, 10, 20, 30, 0]);
  });

  it('gives a data URL of those bytes', () => {
    const url = grayBmpUrl(img);
    expect(url.startsWith('data:image/bmp;base64,')).toBe(true);
    const decoded = Uint8Array.from(atob(url.slice(22)), (c) => c.charCodeAt(0));
    expect([...decoded]).toEqual([...grayBmp(img)]);
  });
});
