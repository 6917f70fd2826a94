import type { GraphBuilder } from '../graph-builder';
import type { KernelLayout } from '../parameter-layout';

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

/**
 * A kind of layer: its forward pass and its vector–Jacobian product, emitted as ONNX nodes. The
 * one place its math is written; every runtime executes what these emit.
 */
export interface LayerKind<Spec> {
  forward(g: GraphBuilder, spec: Spec, x: string, params: readonly string[], kernels: KernelLayout): string;
  vjp(g: GraphBuilder, spec: Spec, tape: LayerTape, dy: string, kernels: KernelLayout, needDx: boolean): LayerGradients;
}
