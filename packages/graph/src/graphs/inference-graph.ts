import { GraphBuilder } from '../graph-builder';
import { io } from '../io-names';
import { layerWidths, type ModelSpec } from '../model-spec';
import { parameterLayout } from '../parameter-layout';
import { emitLayers, ROWS } from './forward';
import type { GraphOptions } from './graph-options';

/** What an inference graph maps: images to images, images to codes, or codes to images. */
export type ModelPart = 'model' | 'encoder' | 'decoder';

export interface InferenceOptions extends Pick<GraphOptions, 'kernels' | 'float'> {
  part?: ModelPart;
  /**
   * The flat parameters (in the `kernels` layout) to store in the graph, for a self-contained
   * export; without them the used parameters are graph inputs.
   */
  weights?: Float32Array;
}

/** The layers a part runs. */
export function partLayers(spec: ModelSpec, part: ModelPart): [number, number] {
  if (part === 'encoder') return [0, spec.encoderLayers];
  if (part === 'decoder') return [spec.encoderLayers, spec.layers.length];
  return [0, spec.layers.length];
}

/** `y` from `x` `[rows, width]` through the part's layers. */
export function inferenceGraph(spec: ModelSpec, options: InferenceOptions = {}): ReturnType<GraphBuilder['graph']> {
  const [from, to] = partLayers(spec, options.part ?? 'model');
  const g = new GraphBuilder(options.float);
  const params = parameterLayout(spec, options.kernels);
  for (const p of params) {
    if (p.layer < from || p.layer >= to) continue;
    if (options.weights) g.initializer(p.name, p.dims, options.weights.subarray(p.offset, p.offset + p.size));
    else g.input(p.name, p.dims);
  }
  const widths = layerWidths(spec);
  const x = g.input(io.x, [ROWS, widths[from]!]);
  const { y } = emitLayers(g, spec, params, x, options, from, to);
  g.op('Identity', [y], {}, io.y);
  g.output(io.y, [ROWS, widths[to]!]);
  return g.graph(`bottleneck_${options.part ?? 'model'}`);
}
