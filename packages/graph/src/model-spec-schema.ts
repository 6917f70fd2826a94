import * as z from 'zod/mini';
import { layerKind } from './layers';
import type { ModelSpec } from './model-spec';
import { countParameters, parameterLayout } from './parameter-layout';
import { parseWith } from './validation';

/**
 * The largest model a spec may describe: 65,536 features (256×256 images), 64 layers, and at
 * most 64M parameters (256 MB of float32), so a spec read from a file cannot make anything
 * allocate more than that; no layer's output may hold more than 2¹⁸ values per row (64 channels
 * of 64×64; four times the widest dense layer), which bounds a batch's activations.
 */
export const MODEL_LIMITS = {
  inputSize: 65_536,
  units: 65_536,
  layers: 64,
  parameters: 64 * 2 ** 20,
  /** A penalty weight beyond which the penalty is all the loss. */
  penaltyWeight: 1_000,
  /** Values in one row of any layer's output (a convolution's channels × height × width). */
  rowValues: 2 ** 18,
  /** A convolution's kernel side, stride and padding. */
  kernel: 32,
  stride: 32,
  padding: 32,
} as const;

const size = (max: number) => z.int().check(z.gte(1), z.lte(max));
const count = (max: number) => z.int().check(z.gte(0), z.lte(max));
const activation = z.enum(['relu', 'sigmoid', 'tanh', 'leaky-relu', 'linear']);

const denseSchema = z.object({ kind: z.literal('dense'), units: size(MODEL_LIMITS.units), activation });

const l1ActivitySchema = z.object({
  kind: z.literal('l1-activity'),
  weight: z.number().check(z.gte(0), z.lte(MODEL_LIMITS.penaltyWeight)),
});

const reshapeSchema = z.object({
  kind: z.literal('reshape'),
  shape: z.array(size(MODEL_LIMITS.inputSize)).check(z.minLength(1), z.maxLength(3)),
});

const convFields = {
  channels: size(MODEL_LIMITS.units),
  kernel: size(MODEL_LIMITS.kernel),
  stride: z.optional(size(MODEL_LIMITS.stride)),
  padding: z.optional(count(MODEL_LIMITS.padding)),
  activation,
};
const conv2dSchema = z.object({ kind: z.literal('conv2d'), ...convFields });
const convTranspose2dSchema = z.object({
  kind: z.literal('conv-transpose2d'),
  ...convFields,
  outputPadding: z.optional(count(MODEL_LIMITS.stride - 1)),
});

const variationalSchema = z.object({ kind: z.literal('variational'), latent: size(MODEL_LIMITS.units) });

/**
 * The spec's shapes, checked layer by layer before anything is counted: each layer fits its
 * input, no row grows beyond `rowValues`, no layer's parameters beyond the limit; the model's
 * output is `[inputSize]` and its code flat.
 */
function shapeProblem(s: ModelSpec): { message: string; path: (string | number)[] } | undefined {
  // layer by layer, so the first layer at fault is the one named
  const shapes = [[s.inputSize]];
  for (const [i, layer] of s.layers.entries()) {
    let shape: number[];
    try {
      shape = layerKind(layer).outputShape(layer, shapes.at(-1)!);
    } catch (error) {
      return { message: (error as Error).message, path: ['layers', i] };
    }
    if (shape.reduce((a, b) => a * b, 1) > MODEL_LIMITS.rowValues) {
      return { message: `more than ${MODEL_LIMITS.rowValues} values per row`, path: ['layers', i] };
    }
    shapes.push(shape);
  }
  const output = shapes.at(-1)!;
  if (output.length !== 1 || output[0] !== s.inputSize) {
    return { message: 'the last layer must give back inputSize values (an autoencoder)', path: ['layers'] };
  }
  if (shapes[s.encoderLayers]!.length !== 1) {
    return { message: 'the code (the last encoder layer’s output) must be flat', path: ['encoderLayers'] };
  }
  if (s.layers.filter((l) => l.kind === 'variational').length > 1) {
    return { message: 'at most one variational layer', path: ['layers'] };
  }
  // per tensor first (every factor is bounded, so each product is exact), then the sum
  const tooBig = parameterLayout(s).some((p) => p.size > MODEL_LIMITS.parameters);
  if (tooBig || countParameters(s) > MODEL_LIMITS.parameters) {
    return { message: `more than ${MODEL_LIMITS.parameters} parameters`, path: [] };
  }
  return undefined;
}

/** A model spec as it may appear in a file: every size bounded before anything is allocated. */
export const modelSpecSchema = z
  .object({
    inputSize: size(MODEL_LIMITS.inputSize),
    layers: z
      .array(
        z.discriminatedUnion('kind', [
          denseSchema,
          l1ActivitySchema,
          reshapeSchema,
          conv2dSchema,
          convTranspose2dSchema,
          variationalSchema,
        ]),
      )
      .check(z.minLength(2), z.maxLength(MODEL_LIMITS.layers)),
    encoderLayers: z.int(),
    loss: z.optional(z.enum(['mse', 'bce', 'bce-sum'])),
  })
  .check(
    z.refine((s) => s.encoderLayers >= 1 && s.encoderLayers < s.layers.length, {
      message: 'encoderLayers must leave at least one layer on each side of the code',
      path: ['encoderLayers'],
    }),
    z.check((ctx) => {
      const s = ctx.value as ModelSpec;
      if (!(s.encoderLayers >= 1 && s.encoderLayers < s.layers.length)) return;
      const problem = shapeProblem(s);
      if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, ...problem });
    }),
  );

/** A checked spec from untrusted JSON; throws a one-line ValidationError naming `source`. */
export function parseModelSpec(value: unknown, source: string): ModelSpec {
  return parseWith(modelSpecSchema, value, source);
}
