import { io } from '../io-names';
import type { GraphProto } from '../onnx-proto';
import { layerWidths } from '../model-shape';
import type { ModelSpec } from '../model-spec';
import type { ParameterInfo } from '../parameter-layout';
import { emitLayers, modelGraph, ROWS } from './forward';
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
export function inferenceGraph(spec: ModelSpec, options: InferenceOptions = {}): GraphProto {
  const [from, to] = partLayers(spec, options.part ?? 'model');
  const used = (p: ParameterInfo) => p.layer >= from && p.layer < to;
  const mg = modelGraph(spec, options, (p) => used(p) && !options.weights);
  const { g } = mg;
  if (options.weights) {
    for (const p of mg.params.filter(used))
      g.initializer(p.name, p.dims, options.weights.subarray(p.offset, p.offset + p.size));
  }
  const widths = layerWidths(spec);
  const x = g.input(io.x, [ROWS, widths[from]!]);
  // a penalty is a training term: inference computes it but outputs only y
  const { y } = emitLayers(mg, spec, x, from, to);
  g.op('Identity', [y], {}, io.y);
  g.output(io.y, [ROWS, widths[to]!]);
  return g.graph(`bottleneck_${options.part ?? 'model'}`);
}
