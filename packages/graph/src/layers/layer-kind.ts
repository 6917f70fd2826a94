import type { GraphBuilder } from '../graph-builder';
import type { KernelLayout } from '../model-spec';

/** The shape of one row of a tensor: `[n]` flat, `[C, H, W]` an image; the rows dimension is implicit. */
export type RowShape = readonly number[];

/** What a layer's backward pass gets: its input and output from the forward pass, its parameters. */
export interface LayerTape {
  x: string;
  y: string;
  /** The layer's parameter inputs, in layout order (kernel then bias for a dense layer). */
  params: readonly string[];
  /** The per-row shapes of `x` and `y`. */
  xShape: RowShape;
  yShape: RowShape;
  /** Intermediates the forward pass kept for the backward pass (`LayerForward.saved`). */
  saved: readonly string[];
}

/** A forward pass's output and the intermediates its vjp needs. */
export interface LayerForward {
  y: string;
  saved: string[];
}

/** A layer's gradients: with respect to its input (when asked for) and to each parameter. */
export interface LayerGradients {
  dx?: string;
  dParams: string[];
}

/** A parameter tensor of a layer, by role, in the layout asked for. */
export interface ParameterShape {
  role: 'kernel' | 'bias';
  dims: number[];
  /** Which of a layer's two heads it belongs to (a variational layer's μ or log σ²). */
  head?: 'mu' | 'logvar';
  /** PyTorch's fan-in of its weight: the initialisation draws U(±1/√fanIn). */
  fanIn: number;
}

/** What a layer's emitters share with the graph being built. */
export interface EmitContext {
  kernels: KernelLayout;
  /**
   * Adds a per-row penalty `[rows]` to the loss (averaged over rows), e.g. an activity
   * regulariser's; the vjp adds its gradient.
   */
  addPenalty(rowPenalty: string): void;
  /**
   * A scalar input: (1/rows) / the loss's `scale`, which turns a penalty's per-row gradient into
   * the units of the cotangents flowing back (they are the loss's gradient divided by `scale`).
   */
  penaltyScale(): string;
  /**
   * The standard normal noise input `eps` `[rows, width]` of a training graph, or undefined in a
   * deterministic graph (inference, evaluation), where a variational layer outputs z = μ.
   */
  latentNoise(width: number): string | undefined;
}

/**
 * A kind of layer: its shapes, its forward pass and its vector–Jacobian product, emitted as ONNX
 * nodes. The one place its math is written; every runtime executes what these emit.
 */
export interface LayerKind<Spec> {
  /** The per-row output shape; throws a RangeError saying why when `input` does not fit the layer. */
  outputShape(spec: Spec, input: RowShape): number[];
  parameterShapes(spec: Spec, input: RowShape, kernels: KernelLayout): ParameterShape[];
  forward(
    g: GraphBuilder,
    spec: Spec,
    x: string,
    params: readonly string[],
    ctx: EmitContext,
    input: RowShape,
  ): string | LayerForward;
  vjp(g: GraphBuilder, spec: Spec, tape: LayerTape, dy: string, ctx: EmitContext, needDx: boolean): LayerGradients;
}

/** A flat row's width, or a RangeError naming the layer that wanted one. */
export function flatWidth(input: RowShape, layer: string): number {
  if (input.length !== 1)
    throw new RangeError(`a ${layer} layer takes flat rows, got [${input}]: reshape to [n] first`);
  return input[0]!;
}
