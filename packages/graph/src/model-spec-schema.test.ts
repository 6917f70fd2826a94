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

  const conv = {
    inputSize: 784,
    layers: [
      { kind: 'reshape', shape: [1, 28, 28] },
      { kind: 'conv2d', channels: 4, kernel: 3, stride: 2, padding: 1, activation: 'relu' },
      { kind: 'reshape', shape: [784] },
      { kind: 'variational', latent: 2 },
      { kind: 'dense', units: 196, activation: 'relu' },
      { kind: 'reshape', shape: [1, 14, 14] },
      {
        kind: 'conv-transpose2d',
        channels: 1,
        kernel: 3,
        stride: 2,
        padding: 1,
        outputPadding: 1,
        activation: 'sigmoid',
      },
      { kind: 'reshape', shape: [784] },
    ],
    encoderLayers: 4,
    loss: 'bce-sum',
  };

  it('takes convolutions, reshapes and a variational code', () => {
    expect(parseModelSpec(JSON.parse(JSON.stringify(conv)), 'spec.json')).toEqual(conv);
  });

  const badShapes: [string, (layers: Record<string, unknown>[], s: Record<string, unknown>) => void, RegExp][] = [
    [
      'a convolution of flat rows',
      (l) => l.splice(0, 1),
      /^f: layers\.0: a conv2d layer takes rows of shape \[channels, height, width\], got \[784\]$/,
    ],
    [
      'a reshape that loses values',
      (l) => (l[0]!.shape = [1, 28, 27]),
      /^f: layers\.0: cannot reshape rows of \[784\]/,
    ],
    ['a dense layer on images', (l) => l.splice(2, 1), /^f: layers\.2: a variational layer takes flat rows/],
    [
      'an output padding as large as the stride',
      (l) => (l[6]!.outputPadding = 2),
      /^f: layers\.6: conv-transpose2d: outputPadding 2 must be less than the stride 2$/,
    ],
    [
      'a kernel larger than the padded image',
      (l) => Object.assign(l[1]!, { kernel: 31, padding: 1 }),
      /layers\.1: a conv2d layer leaves no output/,
    ],
    [
      'a layer of too many values per row',
      (l) => (l[1]!.channels = 4096),
      /^f: layers\.1: more than 262144 values per row$/,
    ],
    [
      'two variational layers',
      (l) => l.splice(4, 0, { kind: 'variational', latent: 196 }),
      /at most one variational layer/,
    ],
    ['a code that is not flat', (_, s) => (s.encoderLayers = 2), /^f: encoderLayers: the code .* must be flat$/],
    [
      'an image that gives back other values',
      (l) => (l[6]!.outputPadding = 0),
      /layers\.7: cannot reshape rows of \[1,27,27\]/,
    ],
  ];
  it.each(badShapes)('refuses %s in one line naming the layer', (_, edit, message) => {
    const spec = JSON.parse(JSON.stringify(conv)) as Record<string, unknown>;
    edit(spec.layers as Record<string, unknown>[], spec);
    expect(() => parseModelSpec(spec, 'f')).toThrow(message);
  });

  it('refuses what is not a spec at all', () => {
    expect(() => parseModelSpec(null, 'f')).toThrow(/^f: Invalid input: expected object/);
  });
});
