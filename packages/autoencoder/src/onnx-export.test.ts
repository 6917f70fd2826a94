import type { ModelPart } from '@bottleneck/graph';
import { decodeModel } from '@bottleneck/graph/internal';
import * as tf from '@tensorflow/tfjs-core';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { createAutoencoder } from './model';
import { ONNX_EXPORT_OPSET, toOnnx } from './onnx-export';

ortNode.env.logLevel = 'fatal';
// Node has no Web Workers: onnxruntime-web's wasm runs on this thread
ortWeb.env.wasm.numThreads = 1;

type Runtime = typeof ortNode | typeof ortWeb;
const runtimes: [string, Runtime][] = [
  ['onnxruntime-node', ortNode],
  ['onnxruntime-web (wasm)', ortWeb],
];

describe.each(runtimes)('ONNX export, loaded by %s', (_, ort) => {
  const parts: ModelPart[] = ['model', 'encoder', 'decoder'];
  it.each(parts)('%s: runs to the model’s own outputs within 1e-6', async (part) => {
    const model = createAutoencoder({ inputSize: 784, hiddenSize: 40, bottleneckSize: 3, seed: 4 });
    const rows = 5;
    const width = part === 'decoder' ? 3 : 784;
    const x = Float32Array.from({ length: rows * width }, (_, i) => ((i * 7919) % 1000) / 1000);
    const expected = tf.tidy(() => {
      const input = tf.tensor2d(x, [rows, width]);
      const y =
        part === 'model' ? model.forward(input) : part === 'encoder' ? model.encode(input) : model.decode(input);
      return y.dataSync() as Float32Array;
    });
    const session = await ort.InferenceSession.create(toOnnx(model, part));
    expect(session.inputNames).toEqual(['x']);
    const out = await session.run({ x: new ort.Tensor('float32', x, [rows, width]) });
    const y = out.y!.data as Float32Array;
    expect(y.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs(y[i]! - expected[i]!));
    expect(worst).toBeLessThan(1e-6);
    // a code that the encoder maps to something other than zeros proves the weights are in the file
    expect(y.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    await session.release();
    model.dispose();
  });
});

it('declares its opset and names its input and output in the file', () => {
  const model = createAutoencoder({ inputSize: 4, hiddenSize: 3, bottleneckSize: 2 });
  const decoded = decodeModel(toOnnx(model, 'encoder'));
  expect(decoded.opsetImport.map((o) => o.version)).toEqual([ONNX_EXPORT_OPSET]);
  expect(decoded.graph.input.map((i) => i.name)).toEqual(['x']);
  expect(decoded.graph.output.map((o) => o.name)).toEqual(['y']);
  // the encoder's two layers' weights, stored in the file
  expect(decoded.graph.initializer.filter((t) => /^[wb]\d$/.test(t.name)).map((t) => t.name)).toEqual([
    'w1',
    'b1',
    'w2',
    'b2',
  ]);
  model.dispose();
});
