import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createAutoencoder } from './model';
import { deserializeModel, ModelFormatError, parseModelJson, serializeModel } from './weights-format';

describe('model.json + weights.bin', () => {
  it('round-trips every weight bit for bit', async () => {
    const m = createAutoencoder({ seed: 4 });
    const { modelJson, weights } = await serializeModel(m, { epochs: 3 });
    expect(weights.byteLength).toBe(622_504 * 4);
    const parsed = parseModelJson(JSON.parse(JSON.stringify(modelJson)));
    expect(parsed.metadata).toEqual({ epochs: 3 });
    const back = deserializeModel(parsed, weights);
    for (const [i, v] of m.parameters.entries()) {
      expect(back.parameters[i]!.dataSync()).toEqual(v.dataSync());
    }
    const x = tf.randomUniform([2, 784]) as tf.Tensor2D;
    expect(back.forward(x).dataSync()).toEqual(m.forward(x).dataSync());
    m.dispose();
    back.dispose();
  });

  it('reads version 1 (the lab’s sizes) as the MLP spec of those sizes', async () => {
    const m = createAutoencoder({ inputSize: 6, hiddenSize: 5, bottleneckSize: 2, seed: 1 });
    const { modelJson, weights } = await serializeModel(m);
    const { spec: _spec, ...fields } = modelJson;
    const version1 = parseModelJson({
      ...fields,
      formatVersion: 1,
      config: { inputSize: 6, hiddenSize: 5, bottleneckSize: 2 },
    });
    expect(version1.spec).toEqual(m.spec);
    const back = deserializeModel(version1, weights);
    expect(back.parameters[2]!.dataSync()).toEqual(m.parameters[2]!.dataSync());
    m.dispose();
    back.dispose();
  });

  it('keeps custom sizes', async () => {
    const m = createAutoencoder({ inputSize: 6, hiddenSize: 5, bottleneckSize: 2, seed: 1 });
    const { modelJson, weights } = await serializeModel(m);
    const back = deserializeModel(modelJson, weights.slice().buffer);
    expect(back.config).toEqual({ inputSize: 6, hiddenSize: 5, bottleneckSize: 2 });
    m.dispose();
    back.dispose();
  });

  it('rejects a weights file of the wrong size', async () => {
    const m = createAutoencoder({ inputSize: 6, hiddenSize: 5, bottleneckSize: 2 });
    const { modelJson, weights } = await serializeModel(m);
    expect(() => deserializeModel(modelJson, weights.subarray(4), 'w.bin')).toThrow(
      /w.bin: \d+ bytes, expected \d+ for the manifest in model.json/,
    );
    m.dispose();
  });

  it('rejects JSON that is not a model', () => {
    expect(() => parseModelJson({ hello: 1 }, 'x/model.json')).toThrow(/x\/model.json: not a bottleneck model/);
    expect(() => parseModelJson({ format: 'bottleneck-autoencoder', formatVersion: 9 })).toThrow(/formatVersion: /);
  });

  it('refuses corrupt, non-finite and oversized models before allocating them', async () => {
    const m = createAutoencoder({ inputSize: 6, hiddenSize: 5, bottleneckSize: 2 });
    const { modelJson, weights } = await serializeModel(m);
    m.dispose();
    const flipped = weights.slice();
    flipped[17]! ^= 0x10;
    expect(() => deserializeModel(modelJson, flipped, 'w.bin')).toThrow(/w.bin: checksum mismatch/);
    const nan = weights.slice();
    new Float32Array(nan.buffer)[3] = Number.NaN;
    expect(() => deserializeModel({ ...modelJson, weightsCrc32: undefined }, nan, 'w.bin')).toThrow(
      /w.bin: weight 3 is NaN/,
    );
    const huge = structuredClone(modelJson);
    (huge.spec.layers[1] as { units: number }).units = 1e6;
    expect(() => parseModelJson(huge, 'm.json')).toThrow(/^m.json: spec.layers.1.units: Too big/);
    const { spec: _spec, ...fields } = modelJson;
    const version1 = { ...fields, formatVersion: 1, config: { inputSize: 6, hiddenSize: 5, bottleneckSize: 1e6 } };
    expect(() => parseModelJson(version1, 'm.json')).toThrow(
      /m.json: config.bottleneckSize must be an integer from 1 to 8192$/,
    );
    const wrongShape = structuredClone(modelJson);
    wrongShape.weightsManifest[0]!.weights[0]!.shape = [6, 6];
    expect(() => parseModelJson(wrongShape, 'm.json')).toThrow(/entry 0 must be dense1\/kernel float32 \[6,5\]/);
    expect(() =>
      parseModelJson({ ...fields, formatVersion: 1, config: { inputSize: '6', hiddenSize: 5, bottleneckSize: 2 } }),
    ).toThrow(/config.inputSize/);
  });

  it('turns arbitrary JSON into ModelFormatError, never anything else', async () => {
    const m = createAutoencoder({ inputSize: 6, hiddenSize: 5, bottleneckSize: 2 });
    const { modelJson } = await serializeModel(m);
    m.dispose();
    const check = (json: unknown) => {
      try {
        parseModelJson(json, 'fuzz');
      } catch (error) {
        expect(error).toBeInstanceOf(ModelFormatError);
      }
    };
    fc.assert(fc.property(fc.jsonValue(), check), { numRuns: 500 });
    // a real model.json with one value anywhere replaced by arbitrary JSON
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (v && typeof v === 'object')
        for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
    };
    walk(modelJson, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(modelJson) as unknown as Record<string | number, unknown>;
        let at = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
        at[path.at(-1)!] = value;
        check(copy);
      }),
      { numRuns: 1000 },
    );
  });
});
