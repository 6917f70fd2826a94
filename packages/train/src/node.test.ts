import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './node';

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'f.bin');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['f.bin']);
  });

  it('fails cleanly when the folder is missing', async () => {
    const path = join(tmpdir(), 'no-such-dir-xyz', 'f.bin');
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(/ENOENT/);
    expect(existsSync(path)).toBe(false);
  });
});
