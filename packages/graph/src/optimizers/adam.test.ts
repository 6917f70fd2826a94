import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph-builder';
import { io } from '../io-names';
import type { GraphProto } from '../onnx-proto';
import { runOnOrt } from '../ort.test-helper';
import { GraphInterpreter } from '../tfjs/interpreter';
import { adamStepScalars, emitAdamUpdate } from './adam';

const ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/** Adam's update of one parameter `p` of `size` values from a fed gradient. */
function adamGraph(size: number, weightDecay: number): GraphProto {
  const g = new GraphBuilder();
  g.input('p', [size]);
  g.input(io.stepSize, []);
  g.input(io.bc2Sqrt, []);
  emitAdamUpdate(g, 'p', [size], g.input('grad', [size]), { ...ADAM, weightDecay });
  return g.graph('adam');
}

interface Vectors {
  p: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

type Runner = (s: Vectors, grad: Float32Array, lr: number, t: number) => Promise<Vectors>;

function tfjsRunner(graph: GraphProto): Runner {
  const interpreter = new GraphInterpreter(graph);
  return async ({ p, m, v }, grad, lr, t) => {
    const { stepSize, bc2Sqrt } = adamStepScalars(lr, ADAM, t);
    const feeds = {
      p: tf.tensor1d(p),
      m_p: tf.tensor1d(m),
      v_p: tf.tensor1d(v),
      grad: tf.tensor1d(grad),
      [io.stepSize]: tf.scalar(stepSize),
      [io.bc2Sqrt]: tf.scalar(bc2Sqrt),
    };
    const out = interpreter.run(feeds, ['p_next', 'm_p_next', 'v_p_next']);
    const read = (name: string) => out[name]!.dataSync() as Float32Array;
    const next = { p: read('p_next'), m: read('m_p_next'), v: read('v_p_next') };
    tf.dispose([...Object.values(feeds), ...Object.values(out)]);
    return next;
  };
}

function ortRunner(graph: GraphProto): Runner {
  return async ({ p, m, v }, grad, lr, t) => {
    const { stepSize, bc2Sqrt } = adamStepScalars(lr, ADAM, t);
    const n = [p.length];
    const out = await runOnOrt(
      graph,
      {
        p: [p, n],
        m_p: [m, n],
        v_p: [v, n],
        grad: [grad, n],
        [io.stepSize]: [Float32Array.of(stepSize), []],
        [io.bc2Sqrt]: [Float32Array.of(bc2Sqrt), []],
      },
      ['p_next', 'm_p_next', 'v_p_next'],
    );
    return { p: out.p_next as Float32Array, m: out.m_p_next as Float32Array, v: out.v_p_next as Float32Array };
  };
}

const runners: [string, (graph: GraphProto) => Runner][] = [
  ['tfjs interpreter', tfjsRunner],
  ['ONNX Runtime', ortRunner],
];

describe.each(runners)('Adam as emitted (torch.optim.Adam semantics), on %s', (_, runnerOf) => {
  // Expected parameters after each step for loss = Σ p⁴/4 (grad p³), lr 0.1, weight_decay 0.01,
  // computed in float64 with the update written in torch.optim.Adam's documentation:
  // g += wd·p; m = β1 m + (1−β1) g; v = β2 v + (1−β2) g²; p −= lr/(1−β1ᵗ) · m/(√v/√(1−β2ᵗ) + eps)
  const expected = [
    [0.400000008, -1.4, 1.9],
    [0.306128551, -1.301057387, 1.800690987],
    [0.221686781, -1.203947869, 1.702572942],
    [0.147716671, -1.109443602, 1.606154756],
    [0.083521625, -1.018261576, 1.51193471],
  ];

  it('follows the reference trajectory with L2 weight decay and bias correction', async () => {
    const run = runnerOf(adamGraph(3, 0.01));
    let s: Vectors = { p: Float32Array.of(0.5, -1.5, 2.0), m: new Float32Array(3), v: new Float32Array(3) };
    for (const [t, row] of expected.entries()) {
      s = await run(
        s,
        s.p.map((x) => x ** 3),
        0.1,
        t + 1,
      );
      row.forEach((e, i) => {
        expect(s.p[i]).toBeCloseTo(e, 6);
      });
    }
  });

  it('is not AdamW: decay enters the moments, so a zero gradient still moves p by lr', async () => {
    const run = runnerOf(adamGraph(1, 0.1));
    const s = await run(
      { p: Float32Array.of(2), m: new Float32Array(1), v: new Float32Array(1) },
      Float32Array.of(0),
      0.01,
      1,
    );
    // g' = 0.1·2 = 0.2 → m̂/√v̂ = 1 → p = 2 − 0.01 (AdamW would give 2 − 0.01·0.1·2 = 1.998)
    expect(s.p[0]).toBeCloseTo(1.99, 6);
  });
});
