import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAutoencoder } from './model';
import { loadModel, saveModel, writeFileAtomic } from './node';

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

  it('writeFileAtomic leaves only the final file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    mkdirSync(join(dir, 'sub'));
    await writeFileAtomic(join(dir, 'sub', 'f'), 'one');
    await writeFileAtomic(join(dir, 'sub', 'f'), 'two');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['f']);
    await expect(writeFileAtomic(join(dir, 'missing', 'f'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(['sub']);
  });
});
