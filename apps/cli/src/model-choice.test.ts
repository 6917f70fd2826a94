import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeSize, MODEL_LIMITS, mlpSpec, presetSpec } from '@bottleneck/graph';
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES, archSpec, chooseModelSpec, MAX_SPEC_BYTES, readSpecFile, sameSpec } from './model-choice';

const lab = { hidden: 392, bottleneck: 8 };
const dir = mkdtempSync(join(tmpdir(), 'bottleneck-spec-'));

describe('archSpec', () => {
  it('gives mlp exactly the lab, and every other name the preset of @bottleneck/graph', () => {
    expect(ARCH_NAMES.slice(0, 3)).toEqual(['mlp', 'deep', 'sparse']);
    expect(archSpec('mlp', lab)).toEqual(mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 }));
    expect(archSpec('mlp', { hidden: 64, bottleneck: 2 })).toEqual(
      mlpSpec({ inputSize: 784, hiddenSize: 64, bottleneckSize: 2 }),
    );
    expect(archSpec('deep', lab)).toEqual(presetSpec('deep'));
    expect(archSpec('sparse', lab)).toEqual(presetSpec('sparse'));
  });

  it('sets the code size with --latent and keeps the rest', () => {
    const deep = archSpec('deep', { ...lab, latent: 16 });
    expect(codeSize(deep)).toBe(16);
    expect(deep.layers.length).toBe(presetSpec('deep').layers.length);
    expect(codeSize(archSpec('sparse', { ...lab, latent: 64 }))).toBe(64);
    expect(codeSize(archSpec('mlp', { ...lab, latent: 3 }))).toBe(3);
  });

  it('refuses a name no preset has', () => {
    expect(() => archSpec('resnet', lab)).toThrow(/^--arch resnet: expected one of mlp, deep, sparse/);
  });
});

describe('--spec FILE', () => {
  it('reads a spec and builds nothing else', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, JSON.stringify(presetSpec('deep')));
    expect(sameSpec(await readSpecFile(file), presetSpec('deep'))).toBe(true);
    expect(sameSpec(await chooseModelSpec({ ...lab, spec: file }), presetSpec('deep'))).toBe(true);
  });

  it('refuses, in one line naming the file, what is not a spec within the limits', async () => {
    const write = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    const cases: [string, RegExp][] = [
      [write('text.json', 'layers'), /^--spec .*text\.json: not valid JSON/],
      [write('list.json', '[]'), /^--spec .*list\.json: /],
      [
        write('huge.json', JSON.stringify({ ...presetSpec('deep'), inputSize: MODEL_LIMITS.inputSize + 1 })),
        /^--spec .*huge\.json: inputSize: Too big/,
      ],
      [write('big.json', ' '.repeat(MAX_SPEC_BYTES + 1)), /^--spec .*big\.json: .*more than the 1048576 allowed/],
      [join(dir, 'missing.json'), /^--spec .*missing\.json: /],
      [dir, /is a folder/],
    ];
    for (const [file, message] of cases) {
      const error = await readSpecFile(file).catch((e: Error) => e);
      expect(error, file).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
