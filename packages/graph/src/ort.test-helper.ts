// ONNX Runtime (CPU) for the tests: float64 graphs check each op's gradient by finite differences.
import * as ort from 'onnxruntime-node';
import type { GraphProto } from './onnx-proto';
import { serializeGraph } from './serialize';

ort.env.logLevel = 'fatal';

type Feed = Float64Array | Float32Array;

/** Runs `graph` once on ORT's CPU provider; feeds are `[values, dims]`. */
export async function runOnOrt(graph: GraphProto, feeds: Record<string, [Feed, number[]]>, fetch: string[]) {
  const session = await ort.InferenceSession.create(serializeGraph(graph));
  try {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, [data, dims]] of Object.entries(feeds)) {
      tensors[name] = new ort.Tensor(data instanceof Float64Array ? 'float64' : 'float32', data, dims);
    }
    const out = await session.run(tensors, fetch);
    return Object.fromEntries(fetch.map((name) => [name, out[name]!.data as Feed]));
  } finally {
    await session.release();
  }
}

/** One session of `graph` for many runs (a finite-difference test runs the same graph hundreds of times). */
export async function ortRunner(graph: GraphProto) {
  const session = await ort.InferenceSession.create(serializeGraph(graph));
  return {
    async run(feeds: Record<string, [Feed, number[]]>, fetch: string[]) {
      const tensors: Record<string, ort.Tensor> = {};
      for (const [name, [data, dims]] of Object.entries(feeds)) {
        tensors[name] = new ort.Tensor(data instanceof Float64Array ? 'float64' : 'float32', data, dims);
      }
      const out = await session.run(tensors, fetch);
      return Object.fromEntries(fetch.map((name) => [name, out[name]!.data as Feed]));
    },
    release: () => session.release(),
  };
}
