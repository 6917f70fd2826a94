import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemporaries, writeFileAtomic } from './write-file-atomic';

describe('writeFileAtomic', () => {
  it('leaves only the final file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-io-'));
    await writeFileAtomic(join(dir, 'f'), 'one');
    await writeFileAtomic(join(dir, 'f'), 'two');
    expect(readdirSync(dir)).toEqual(['f']);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('two');
  });

  it('fails with one line naming the file, and leaves no temporary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-io-'));
    await expect(writeFileAtomic(join(dir, 'missing', 'f'), 'x')).rejects.toThrow(/missing\/f: could not be written/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says the disk is full on ENOSPC (a 16 kB tmpfs; needs root to mount, else skipped)', async (context) => {
    const dir = mkdtempSync(join(tmpdir(), 'node-io-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      context.skip('cannot mount a tmpfs here (not root)');
    }
    try {
      await writeFileAtomic(join(dir, 'small'), 'x');
      await expect(writeFileAtomic(join(dir, 'big'), new Uint8Array(1 << 20))).rejects.toThrow(
        /big: could not be written: the disk is full$/,
      );
      expect(readdirSync(dir)).toEqual(['small']);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  it('removeStaleTemporaries removes what a killed writer left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-io-'));
    for (const n of ['c.ckpt', 'c.ckpt.0badf00d.tmp', 'c.ckpt.12345678.tmp', 'c.ckpt.notes', 'other.0badf00d.tmp']) {
      writeFileSync(join(dir, n), '');
    }
    expect((await removeStaleTemporaries(join(dir, 'c.ckpt'))).sort()).toEqual([
      'c.ckpt.0badf00d.tmp',
      'c.ckpt.12345678.tmp',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['c.ckpt', 'c.ckpt.notes', 'other.0badf00d.tmp']);
  });
});
