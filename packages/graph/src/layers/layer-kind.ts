import type { GraphBuilder } from '../graph-builder';
import type { KernelLayout } from '../model-spec';

/** What a layer's backward pass gets: its input and output from the forward pass, its parameters. */
export interface LayerTape {
  x: string;
  y: string;
  /** The layer's parameter inputs, in layout order (kernel then bias for a dense layer). */
  params: readonly string[];
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
}

/**
 * A kind of layer: its sizes, its forward pass and its vector–Jacobian product, emitted as ONNX
 * nodes. The one place its math is written; every runtime executes what these emit.
 */
export interface LayerKind<Spec> {
  outputWidth(spec: Spec, inputWidth: number): number;
  parameterShapes(spec: Spec, inputWidth: number, kernels: KernelLayout): ParameterShape[];
  forward(g: GraphBuilder, spec: Spec, x: string, params: readonly string[], ctx: EmitContext): string;
  vjp(g: GraphBuilder, spec: Spec, tape: LayerTape, dy: string, ctx: EmitContext, needDx: boolean): LayerGradients;
}
