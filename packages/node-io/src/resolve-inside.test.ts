import { describe, expect, it } from 'vitest';
import { resolveInside } from './resolve-inside';

describe('resolveInside', () => {
  it('resolves names inside the folder', () => {
    expect(resolveInside('/m', 'weights.bin')).toBe('/m/weights.bin');
    expect(resolveInside('/m', 'sub/../w.bin')).toBe('/m/w.bin');
  });

  it('refuses names that lead out of it', () => {
    for (const name of ['../../etc/passwd', '/etc/passwd', '..', '.', '', 'a/../../x', 'x\0y']) {
      expect(() => resolveInside('/m', name, '/m/model.json')).toThrow(/^\/m\/model\.json: names the file/);
    }
  });
});
