import { describe, expect, it } from 'vitest';
import { readParameters, writeParameters } from './flat-parameters';
import { createAutoencoder } from './model';

const tiny = (seed: number) => createAutoencoder({ inputSize: 6, hiddenSize: 4, bottleneckSize: 2, seed });

describe('flat parameters', () => {
  it('read and write in model.parameters order, without aliasing the vector', () => {
    const a = tiny(1);
    const flat = readParameters(a);
    expect(flat.length).toBe(a.parameterCount());
    expect(flat.subarray(0, 24)).toEqual(a.layers[0]!.kernel.dataSync());
    expect(flat.subarray(24, 28)).toEqual(a.layers[0]!.bias.dataSync());
    const b = tiny(2);
    writeParameters(b, flat);
    expect(readParameters(b)).toEqual(flat);
    flat[0] = 123;
    expect(b.layers[0]!.kernel.dataSync()[0]).not.toBe(123);
    expect(() => writeParameters(b, new Float32Array(3))).toThrow(/3 values, the model has 80/);
    a.dispose();
    b.dispose();
  });
});
