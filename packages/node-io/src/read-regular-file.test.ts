import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('refuses a FIFO from its stat, without opening it (a waiting writer stays blocked)', async () => {
    const fifo = join(dir, 'fifo-with-writer');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `echo secret > '${fifo}'`]);
    let exited = false;
    writer.on('exit', () => {
      exited = true;
    });
    await expect(readRegularFile(fifo, { maxBytes: 10 })).rejects.toThrow(/not a regular file/);
    await new Promise((r) => setTimeout(r, 300));
    expect(exited).toBe(false);
    writer.kill();
  });

  it('confines to `inside` by the real location: links that leave the folder are refused, unread', async () => {
    const folder = join(dir, 'model');
    mkdirSync(folder);
    writeFileSync(join(dir, 'secret'), 'root:x:0:0');
    writeFileSync(join(folder, 'w.bin'), 'ok');
    symlinkSync('../secret', join(folder, 'out.bin'));
    symlinkSync('w.bin', join(folder, 'in.bin'));
    symlinkSync('/dev/zero', join(folder, 'dev.bin'));
    const read = (name: string) =>
      readRegularFile(join(folder, name), { maxBytes: 100, what: 'weights', inside: folder });
    const refused = read('out.bin');
    await expect(refused).rejects.toThrow(
      /out\.bin: leads outside .*model \(a symbolic link\), expected weights inside/,
    );
    await expect(refused).rejects.not.toThrow(/secret|root/);
    await expect(read('dev.bin')).rejects.toThrow(/dev\.bin: leads outside/);
    expect(new TextDecoder().decode(await read('in.bin'))).toBe('ok');
    // without `inside`, a link the user named is followed
    expect(new TextDecoder().decode(await readRegularFile(join(folder, 'out.bin'), { maxBytes: 100 }))).toBe(
      'root:x:0:0',
    );
    symlinkSync('loop', join(folder, 'loop'));
    await expect(read('loop')).rejects.toThrow(/loop: is a loop of symbolic links/);
  });
});
