import { countParameters, parameterLayout, parameterName, presetSpec } from '@bottleneck/graph';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { readParameters } from './flat-parameters';
import { toLayersModel } from './layers-model';
import { createAutoencoder } from './model';
import { toOnnx } from './onnx-export';
import { Pcg64 } from './pcg64';
import { fromSafetensors, toSafetensors } from './safetensors';
import { deserializeModel, parseModelJson, serializeModel } from './weights-format';

ort.env.logLevel = 'fatal';

const images = (rows: number) => tf.randomUniform([rows, 784], 0, 1, 'float32', 2) as tf.Tensor2D;

describe.each([
  ['conv', presetSpec('conv'), 8],
  ['vae', presetSpec('vae'), 20],
  ['vae with a 2-d latent', presetSpec('vae', { code: 2 }), 2],
] as const)('the %s preset as a model', (_, spec, code) => {
  it('initialises every tensor U(±1/√fan_in) from one seeded stream, in layout order', () => {
    const model = createAutoencoder({ spec, seed: 5 });
    const flat = readParameters(model);
    const random = new Pcg64(5);
    const expected = new Float32Array(flat.length);
    for (const p of parameterLayout(spec)) {
      const bound = 1 / Math.sqrt(p.fanIn);
      random.uniform(-bound, bound, expected.subarray(p.offset, p.offset + p.size));
    }
    expect(flat.length).toBe(expected.length);
    expect(flat.findIndex((v, i) => v !== expected[i])).toBe(-1);
    // PyTorch's fan-ins: Linear in features, Conv2d in·k², ConvTranspose2d out·k²
    const fanIns = parameterLayout(spec)
      .filter((p) => p.role === 'kernel')
      .map((p) => `${parameterName(p, 'safetensors')} ${p.fanIn}`);
    if (spec.layers[1]!.kind === 'conv2d') {
      expect(fanIns).toEqual([
        'conv2.weight 9',
        'conv3.weight 144',
        'fc5.weight 1568',
        'fc6.weight 8',
        'deconv8.weight 144',
        'deconv9.weight 9',
      ]);
    } else {
      expect(fanIns).toEqual([
        'fc1.weight 784',
        'fc21.weight 400',
        'fc22.weight 400',
        `fc3.weight ${code}`,
        'fc4.weight 400',
      ]);
    }
    model.dispose();
  });

  it('encodes to its code, decodes to images, and round-trips model.json, safetensors and ONNX', async () => {
    const model = createAutoencoder({ spec, seed: 1 });
    expect(model.parameterCount()).toBe(countParameters(spec));
    const x = images(3);
    const codes = model.encode(x);
    expect(codes.shape).toEqual([3, code]);
    const y = model.forward(x);
    expect(y.shape).toEqual([3, 784]);
    // inference is deterministic (a VAE's z = μ): decoding the code is the forward pass
    const decoded = model.decode(codes);
    expect(Array.from(decoded.dataSync())).toEqual(Array.from(y.dataSync()));

    const { modelJson, weights } = await serializeModel(model);
    const back = deserializeModel(parseModelJson(JSON.parse(JSON.stringify(modelJson))), weights);
    expect(back.spec).toEqual(spec);
    expect(back.forward(x).dataSync()).toEqual(y.dataSync());

    const torch = fromSafetensors(toSafetensors(model), 'model.safetensors', spec);
    expect(readParameters(torch)).toEqual(readParameters(model));

    const session = await ort.InferenceSession.create(toOnnx(model));
    const out = await session.run({ x: new ort.Tensor('float32', x.dataSync() as Float32Array, [3, 784]) });
    const onnx = out.y!.data as Float32Array;
    const reference = y.dataSync();
    let worst = 0;
    onnx.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - reference[i]!));
    });
    expect(worst).toBeLessThan(1e-5);
    await session.release();
    tf.dispose([x, codes, y, decoded]);
    for (const m of [model, back, torch]) m.dispose();
  });
});

describe('formats that hold dense layers only', () => {
  it('a tfjs LayersModel export refuses a convolutional model in one line', async () => {
    const conv = createAutoencoder({ spec: presetSpec('conv') });
    await expect(toLayersModel(conv)).rejects.toThrow(
      /^a tfjs LayersModel export holds dense layers only, this model has reshape$/,
    );
    conv.dispose();
  });
});

describe('summary of other kinds', () => {
  it('lists Conv2d and ConvTranspose2d modules with their output shapes; a VAE’s two heads', () => {
    const conv = createAutoencoder({ spec: presetSpec('conv') });
    const table = conv.summary();
    expect(table).toMatch(/Conv2d-1\s+\[-1, 16, 14, 14\]\s+160/);
    expect(table).toMatch(/ConvTranspose2d-\d+\s+\[-1, 1, 28, 28\]\s+145/);
    expect(table).toContain('Total params: 36,233');
    const vae = createAutoencoder({ spec: presetSpec('vae') }).summary();
    expect(vae).toMatch(/Linear-3\s+\[-1, 20\]\s+8,020\n\s+Linear-4\s+\[-1, 20\]\s+8,020/);
    conv.dispose();
  });
});
