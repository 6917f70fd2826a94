import { describe, expect, it } from 'vitest';
import { mlpSpec } from './model-spec';
import { MODEL_LIMITS, parseModelSpec } from './model-spec-schema';

const lab = mlpSpec({ inputSize: 784, hiddenSize: 392, bottleneckSize: 8 });

describe('parseModelSpec', () => {
  it('takes the lab’s spec and a deeper one', () => {
    expect(parseModelSpec(JSON.parse(JSON.stringify(lab)), 'model.json')).toEqual(lab);
    const deep = {
      inputSize: 784,
      layers: [128, 64, 32, 64, 128].map((units) => ({ kind: 'dense', units, activation: 'relu' })),
      encoderLayers: 3,
    };
    deep.layers.push({ kind: 'dense', units: 784, activation: 'sigmoid' });
    expect(parseModelSpec(deep, 'spec.json').layers).toHaveLength(6);
  });

  const broken: [string, (s: Record<string, unknown>) => void, RegExp][] = [
    ['a fractional size', (s) => (s.inputSize = 78.4), /^f: inputSize: .*int/],
    ['a huge layer', (s) => ((s.layers as { units: number }[])[0]!.units = 1e9), /^f: layers\.0\.units: Too big/],
    ['an unknown kind', (s) => ((s.layers as { kind: string }[])[1]!.kind = 'conv9d'), /^f: layers\.1\.kind: /],
    [
      'an unknown activation',
      (s) => ((s.layers as { activation: string }[])[1]!.activation = 'gelu'),
      /activation: Invalid option/,
    ],
    ['no decoder', (s) => (s.encoderLayers = 4), /encoderLayers must leave/],
    ['a wrong output width', (s) => ((s.layers as { units: number }[])[3]!.units = 783), /give back inputSize/],
    [
      'too many layers',
      (s) => (s.layers = Array(MODEL_LIMITS.layers + 1).fill({ kind: 'dense', units: 784, activation: 'relu' })),
      /layers: Too big/,
    ],
    [
      'too many parameters in all',
      (s) => (s.layers = [8192, 8192, 8192, 784].map((units) => ({ kind: 'dense', units, activation: 'relu' }))),
      /more than 67108864 parameters/,
    ],
  ];
  it.each(broken)('refuses %s in one line naming the file', (_, edit, message) => {
    const spec = JSON.parse(JSON.stringify(lab)) as Record<string, unknown>;
    edit(spec);
    expect(() => parseModelSpec(spec, 'f')).toThrow(message);
    try {
      parseModelSpec(spec, 'f');
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('refuses what is not a spec at all', () => {
    expect(() => parseModelSpec(null, 'f')).toThrow(/^f: Invalid input: expected object/);
  });
});
