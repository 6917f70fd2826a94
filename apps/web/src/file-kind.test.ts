import { describe, expect, it } from 'vitest';
import { describeBytes } from './file-kind';

describe('describeBytes', () => {
  it('names common files by their first bytes, and nothing else', () => {
    expect(describeBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('a PNG image');
    expect(describeBytes(Uint8Array.from([0x1f, 0x8b, 8]))).toBe('a gzip file');
    expect(describeBytes(Uint8Array.from([0, 0, 8, 3]))).toBeNull();
    expect(describeBytes(new Uint8Array(0))).toBeNull();
  });
});
