import * as z from 'zod/mini';
import { layerWidths } from './model-shape';
import type { ModelSpec } from './model-spec';
import { countParameters } from './parameter-layout';
import { parseWith } from './validation';

/**
 * The largest model a spec may describe: 65,536 features (256×256 images), 64 layers, and at
 * most 64M parameters (256 MB of float32), so a spec read from a file cannot make anything
 * allocate more than that.
 */
export const MODEL_LIMITS = {
  inputSize: 65_536,
  units: 65_536,
  layers: 64,
  parameters: 64 * 2 ** 20,
  /** A penalty weight beyond which the penalty is all the loss. */
  penaltyWeight: 1_000,
} as const;

const size = (max: number) => z.int().check(z.gte(1), z.lte(max));

const denseSchema = z.object({
  kind: z.literal('dense'),
  units: size(MODEL_LIMITS.units),
  activation: z.enum(['relu', 'sigmoid', 'tanh', 'leaky-relu', 'linear']),
});

const l1ActivitySchema = z.object({
  kind: z.literal('l1-activity'),
  weight: z.number().check(z.gte(0), z.lte(MODEL_LIMITS.penaltyWeight)),
});

/** A model spec as it may appear in a file: every size bounded before anything is allocated. */
export const modelSpecSchema = z
  .object({
    inputSize: size(MODEL_LIMITS.inputSize),
    layers: z
      .array(z.discriminatedUnion('kind', [denseSchema, l1ActivitySchema]))
      .check(z.minLength(2), z.maxLength(MODEL_LIMITS.layers)),
    encoderLayers: z.int(),
    loss: z.optional(z.enum(['mse', 'bce', 'bce-sum'])),
  })
  .check(
    z.refine((s) => s.encoderLayers >= 1 && s.encoderLayers < s.layers.length, {
      message: 'encoderLayers must leave at least one layer on each side of the code',
      path: ['encoderLayers'],
    }),
    z.refine((s) => layerWidths(s).at(-1) === s.inputSize, {
      message: 'the last layer must give back inputSize values (an autoencoder)',
      path: ['layers'],
    }),
    z.refine(
      // per layer first, so the product below cannot overflow the bound's arithmetic
      (s) =>
        layerWidths(s).every((w, i, a) => i === 0 || w * a[i - 1]! <= MODEL_LIMITS.parameters) &&
        countParameters(s) <= MODEL_LIMITS.parameters,
      { message: `more than ${MODEL_LIMITS.parameters} parameters` },
    ),
  );

/** A checked spec from untrusted JSON; throws a one-line ValidationError naming `source`. */
export function parseModelSpec(value: unknown, source: string): ModelSpec {
  return parseWith(modelSpecSchema, value, source);
}
