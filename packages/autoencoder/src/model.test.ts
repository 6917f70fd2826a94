import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createAutoencoder, type DenseLayer } from './model';

/** Plain-JS dense layer: the reference the tfjs forward pass is checked against. */
function dense(x: number[][], w: number[][], b: number[], act: (v: number) => number): number[][] {
  return x.map((row) => b.map((bj, j) => act(row.reduce((s, xi, i) => s + xi * w[i]![j]!, bj))));
}
const relu = (v: number) => Math.max(0, v);
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('createAutoencoder', () => {
  it('has 622,504 parameters for the lab sizes', () => {
    const m = createAutoencoder();
    // (784·392+392) + (392·8+8) + (8·392+392) + (392·784+784)
    expect(m.parameterCount()).toBe(307_720 + 3_144 + 3_528 + 308_112);
    expect(m.parameters.reduce((n, v) => n + v.size, 0)).toBe(622_504);
    m.dispose();
  });

  it('initialises like nn.Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), seeded', () => {
    const a = createAutoencoder({ seed: 1 });
    const b = createAutoencoder({ seed: 1 });
    const c = createAutoencoder({ seed: 2 });
    for (const [i, l] of a.layers.entries()) {
      const bound = 1 / Math.sqrt(l.inputSize);
      const w = Array.from(l.kernel.dataSync());
      const min = w.reduce((m, v) => Math.min(m, v), Infinity);
      const max = w.reduce((m, v) => Math.max(m, v), -Infinity);
      expect(min).toBeGreaterThanOrEqual(-bound);
      expect(max).toBeLessThanOrEqual(bound);
      if (w.length > 1000) {
        const mean = w.reduce((s, v) => s + v, 0) / w.length;
        const sd = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
        // 4 standard errors of the mean of U(-b, b)
        expect(Math.abs(mean)).toBeLessThan((4 * bound) / Math.sqrt(3 * w.length));
        expect(sd / (bound / Math.sqrt(3))).toBeCloseTo(1, 1);
      }
      expect(l.bias.dataSync().every((v) => Math.abs(v) <= bound)).toBe(true);
      expect(Array.from(b.layers[i]!.kernel.dataSync())).toEqual(w);
      expect(Array.from(c.layers[i]!.kernel.dataSync())).not.toEqual(w);
    }
    for (const m of [a, b, c]) m.dispose();
  });

  it('rejects bad sizes', () => {
    expect(() => createAutoencoder({ hiddenSize: 0 })).toThrow(/^hiddenSize must be an integer from 1 to 8192$/);
    expect(() => createAutoencoder({ hiddenSize: 8192, inputSize: 65536 })).toThrow(
      /parameters, more than the 67108864 allowed/,
    );
  });
});

describe('Autoencoder forward', () => {
  it('matches a plain-JS forward pass', () => {
    const m = createAutoencoder({ inputSize: 5, hiddenSize: 4, bottleneckSize: 2, seed: 3 });
    const x = [
      [0.1, 0.5, 0.9, 0.0, 1.0],
      [0.3, 0.2, 0.7, 0.4, 0.6],
    ];
    const arr = (v: tf.Tensor) => v.arraySync() as number[][];
    const vec = (v: tf.Tensor) => v.arraySync() as number[];
    const [l1, l2, l3, l4] = m.layers as [DenseLayer, DenseLayer, DenseLayer, DenseLayer];
    let h = dense(x, arr(l1.kernel), vec(l1.bias), relu);
    h = dense(h, arr(l2.kernel), vec(l2.bias), relu);
    const z = h;
    h = dense(h, arr(l3.kernel), vec(l3.bias), relu);
    const y = dense(h, arr(l4.kernel), vec(l4.bias), sigmoid);

    const xt = tf.tensor2d(x);
    const out = m.forward(xt).arraySync();
    const codes = m.encode(xt).arraySync();
    out.flat().forEach((v, i) => {
      expect(v).toBeCloseTo(y.flat()[i]!, 5);
    });
    codes.flat().forEach((v, i) => {
      expect(v).toBeCloseTo(z.flat()[i]!, 5);
    });
    const decoded = m.decode(tf.tensor2d(codes)).arraySync();
    decoded.flat().forEach((v, i) => {
      expect(v).toBeCloseTo(y.flat()[i]!, 5);
    });
    m.dispose();
  });

  it('leaks no tensors', () => {
    const m = createAutoencoder({ seed: 0 });
    const x = tf.randomUniform([3, 784]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose([m.forward(x), m.encode(x)]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    m.dispose();
  });
});

describe('summary', () => {
  it('prints the torchsummary table', () => {
    const m = createAutoencoder();
    expect(m.summary()).toBe(
      [
        '----------------------------------------------------------------',
        '        Layer (type)               Output Shape         Param #',
        '================================================================',
        '            Linear-1                  [-1, 392]         307,720',
        '              ReLU-2                  [-1, 392]               0',
        '            Linear-3                    [-1, 8]           3,144',
        '              ReLU-4                    [-1, 8]               0',
        '            Linear-5                  [-1, 392]           3,528',
        '              ReLU-6                  [-1, 392]               0',
        '            Linear-7                  [-1, 784]         308,112',
        '           Sigmoid-8                  [-1, 784]               0',
        '================================================================',
        'Total params: 622,504',
        'Trainable params: 622,504',
        'Non-trainable params: 0',
        '----------------------------------------------------------------',
        'Input size (MB): 0.00',
        'Forward/backward pass size (MB): 0.02',
        'Params size (MB): 2.37',
        'Estimated Total Size (MB): 2.40',
        '----------------------------------------------------------------',
      ].join('\n'),
    );
    m.dispose();
  });
});
