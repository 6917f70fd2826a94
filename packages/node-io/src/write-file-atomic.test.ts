import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('replaces only a regular file: a device, FIFO, link or folder at the path is refused and kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-io-'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    symlinkSync('/dev/null', join(dir, 'null-link'));
    await expect(writeFileAtomic('/dev/null', 'x')).rejects.toThrow(
      /^\/dev\/null: is a device, FIFO or socket, not a regular file: refusing to replace it$/,
    );
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    await expect(writeFileAtomic(join(dir, 'fifo'), 'x')).rejects.toThrow(/fifo: is a device, FIFO or socket/);
    await expect(writeFileAtomic(join(dir, 'null-link'), 'x')).rejects.toThrow(/null-link: is a symbolic link/);
    await expect(writeFileAtomic(dir, 'x')).rejects.toThrow(/is a folder, expected a file to write/);
    expect(readdirSync(dir).sort()).toEqual(['fifo', 'null-link']);
    expect(statSync(join(dir, 'fifo')).isFIFO()).toBe(true);
  });

  it('syncs the temporary before the rename and the folder after it (strace; skipped without it)', (context) => {
    try {
      execFileSync('strace', ['-V'], { stdio: 'ignore' });
    } catch {
      context.skip('strace is not installed');
    }
    const dir = mkdtempSync(join(tmpdir(), 'node-io-'));
    const dist = new URL('../dist/index.js', import.meta.url).pathname;
    const code = `import('${dist}').then((m) => m.writeFileAtomic('${join(dir, 'f')}', 'data'))`;
    const traced = spawnSync(
      'strace',
      ['-f', '-e', 'trace=fsync,fdatasync,rename,renameat,renameat2', 'node', '-e', code],
      {
        encoding: 'utf8',
      },
    );
    const calls = traced.stderr
      .split('\n')
      .filter((l) => /fsync|fdatasync|rename/.test(l) && !/resumed|unfinished/.test(l));
    const renamed = calls.findIndex((l) => /rename.*\.tmp/.test(l));
    expect(renamed).toBeGreaterThan(0);
    expect(calls.slice(0, renamed).some((l) => /f(data)?sync\(\d+\)\s+= 0/.test(l))).toBe(true);
    expect(calls.slice(renamed + 1).some((l) => /f(data)?sync\(\d+\)\s+= 0/.test(l))).toBe(true);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('data');
  });
});
