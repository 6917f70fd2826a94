import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularFile } from './read-regular-file';

const dir = mkdtempSync(join(tmpdir(), 'node-io-'));

describe('readRegularFile', () => {
  it('reads a regular file whole', async () => {
    writeFileSync(join(dir, 'a'), 'hello');
    expect(new TextDecoder().decode(await readRegularFile(join(dir, 'a'), { maxBytes: 5 }))).toBe('hello');
  });

  it('refuses a file larger than allowed before reading it', async () => {
    writeFileSync(join(dir, 'big'), new Uint8Array(11));
    await expect(readRegularFile(join(dir, 'big'), { maxBytes: 10, what: 'a model' })).rejects.toThrow(
      /big: 11 bytes, more than the 10 allowed for a model/,
    );
  });

  it('refuses folders, devices and FIFOs without hanging', async () => {
    await expect(readRegularFile(dir, { maxBytes: 10 })).rejects.toThrow(/is a folder/);
    await expect(readRegularFile('/dev/zero', { maxBytes: 10 })).rejects.toThrow(/not a regular file/);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readRegularFile(fifo, { maxBytes: 10 })).rejects.toThrow(/not a regular file/);
  });

  it('says when the file is missing', async () => {
    await expect(readRegularFile(join(dir, 'nope'), { maxBytes: 1, what: 'a checkpoint' })).rejects.toThrow(
      /nope: not found \(expected a checkpoint\)/,
    );
  });
});
