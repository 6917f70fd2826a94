import { countParameters as countSpecParameters, MODEL_LIMITS, mlpSpec } from '@bottleneck/graph';
import { firstProblem, integerIn } from '@bottleneck/graph/internal';
import * as z from 'zod/mini';

/** The lab's sizes: `--hidden` and `--bottleneck` of an MLP on `inputSize` features. */
export interface AutoencoderConfig {
  inputSize: number;
  hiddenSize: number;
  bottleneckSize: number;
}

export const DEFAULT_CONFIG: AutoencoderConfig = { inputSize: 784, hiddenSize: 392, bottleneckSize: 8 };

/** Number of parameters (weights and biases) of a model of these sizes. */
export function countParameters(c: AutoencoderConfig): number {
  return countSpecParameters(mlpSpec(c));
}

/**
 * The largest sizes a config may have: a spec's input and parameter bounds (`MODEL_LIMITS`:
 * 256×256 images, 256 MB of float32) and 8,192 hidden units, so a config read from a file cannot
 * make anything allocate more than that.
 */
export const CONFIG_LIMITS = {
  inputSize: MODEL_LIMITS.inputSize,
  hiddenSize: 8_192,
  bottleneckSize: 8_192,
  parameters: MODEL_LIMITS.parameters,
} as const;

/** A config from a flag or a file: each size within `CONFIG_LIMITS`, checked before allocating. */
export const autoencoderConfigSchema = z
  .object({
    inputSize: integerIn(1, CONFIG_LIMITS.inputSize),
    hiddenSize: integerIn(1, CONFIG_LIMITS.hiddenSize),
    bottleneckSize: integerIn(1, CONFIG_LIMITS.bottleneckSize),
  })
  .check(
    z.check((ctx) => {
      const n = countParameters(ctx.value);
      if (n > CONFIG_LIMITS.parameters) {
        const message = `${n} parameters, more than the ${CONFIG_LIMITS.parameters} allowed`;
        ctx.issues.push({ code: 'custom', message, input: ctx.value });
      }
    }),
  );

/** Throws a RangeError naming the first size that is not an integer within `CONFIG_LIMITS`. */
export function validateConfig(c: AutoencoderConfig): void {
  const problem = firstProblem(autoencoderConfigSchema, c);
  if (problem) throw new RangeError(problem);
}
