import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAutoencoder } from './model';
import { loadModel, saveModel } from './node';

const tiny = () => createAutoencoder({ inputSize: 6, hiddenSize: 4, bottleneckSize: 2, seed: 3 });

describe('saveModel / loadModel', () => {
  it('round-trips through a folder and replaces an existing one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'model-'));
    const dir = join(root, 'model');
    const a = tiny();
    await saveModel(dir, createAutoencoder({ inputSize: 6, hiddenSize: 4, bottleneckSize: 2, seed: 9 }));
    await saveModel(dir, a, { note: 'second' });
    expect(readdirSync(root)).toEqual(['model']);
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'weights.bin']);
    const b = await loadModel(dir);
    a.parameters.forEach((p, i) => {
      expect(b.parameters[i]!.dataSync()).toEqual(p.dataSync());
    });
    a.dispose();
    b.dispose();
  });

  it('names the missing or corrupt file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    await expect(loadModel(dir)).rejects.toThrow(`${join(dir, 'model.json')}: not found`);
    writeFileSync(join(dir, 'model.json'), '{oops');
    await expect(loadModel(dir)).rejects.toThrow(`${join(dir, 'model.json')}: not valid JSON`);
    const m = tiny();
    await saveModel(dir, m);
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(10));
    await expect(loadModel(dir)).rejects.toThrow(`${join(dir, 'weights.bin')}: 10 bytes, expected`);
    m.dispose();
  });

  it('reads no file outside the model folder, and no device', async () => {
    const root = mkdtempSync(join(tmpdir(), 'model-'));
    const dir = join(root, 'model');
    const m = tiny();
    await saveModel(dir, m);
    m.dispose();
    const jsonPath = join(dir, 'model.json');
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    for (const path of ['../../../../etc/passwd', '/etc/passwd', '../model.json']) {
      json.weightsManifest[0].paths = [path];
      writeFileSync(jsonPath, JSON.stringify(json));
      await expect(loadModel(dir)).rejects.toThrow(`${jsonPath}: names the file "${path}"`);
    }
    json.weightsManifest[0].paths = ['weights.bin'];
    writeFileSync(jsonPath, JSON.stringify(json));
    rmSync(join(dir, 'weights.bin'));
    symlinkSync('/dev/zero', join(dir, 'weights.bin'));
    await expect(loadModel(dir)).rejects.toThrow(/weights.bin: leads outside .*model \(a symbolic link\)/);
    rmSync(join(dir, 'weights.bin'));
    execFileSync('mkfifo', [join(dir, 'weights.bin')]);
    await expect(loadModel(dir)).rejects.toThrow(/weights.bin: is not a regular file/);
  });

  it('follows no symbolic link out of the model folder, even to a file of the right size without a CRC-32', async () => {
    const root = mkdtempSync(join(tmpdir(), 'model-'));
    const dir = join(root, 'model');
    const m = tiny();
    await saveModel(dir, m);
    m.dispose();
    const jsonPath = join(dir, 'model.json');
    const json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    delete json.weightsCrc32;
    writeFileSync(jsonPath, JSON.stringify(json));
    // a same-sized file outside the folder, which without the link check loads as weights
    writeFileSync(join(root, 'outside.bin'), readFileSync(join(dir, 'weights.bin')));
    rmSync(join(dir, 'weights.bin'));
    symlinkSync('../outside.bin', join(dir, 'weights.bin'));
    await expect(loadModel(dir)).rejects.toThrow(/weights.bin: leads outside/);
    renameSync(jsonPath, join(root, 'outside.json'));
    symlinkSync('../outside.json', jsonPath);
    await expect(loadModel(dir)).rejects.toThrow(/model.json: leads outside/);
    // a link that stays inside is fine, and so is a model folder that is itself a link
    rmSync(jsonPath);
    renameSync(join(root, 'outside.json'), jsonPath);
    rmSync(join(dir, 'weights.bin'));
    renameSync(join(root, 'outside.bin'), join(dir, 'w.bin'));
    symlinkSync('w.bin', join(dir, 'weights.bin'));
    symlinkSync(dir, join(root, 'link'));
    (await loadModel(join(root, 'link'))).dispose();
  });
});
