import { integerIn, numberIn } from '@bottleneck/graph/internal';
import { MAX_NOISE_LEVEL } from '@bottleneck/image';
import * as z from 'zod/mini';
import { TRAIN_LIMITS as L } from './limits';

/** Denoising noise as a file may hold it: a kind, a level in (0, MAX_NOISE_LEVEL], a seed. */
export const inputNoiseSchema = z.object(
  {
    kind: z.enum(['uniform', 'gaussian'], { error: 'must be "uniform" or "gaussian"' }),
    level: numberIn(0, MAX_NOISE_LEVEL, { above: true }),
    seed: integerIn(0, Number.MAX_SAFE_INTEGER),
  },
  { error: 'must be an object or null' },
);

/** A training recipe within the bounds its flags have (`TRAIN_LIMITS`), or the recipe's own range. */
export const trainConfigSchema = z.object(
  {
    epochs: integerIn(1, L.epochs),
    batchSize: integerIn(1, L.batchSize),
    lr: numberIn(0, L.lr, { above: true }),
    weightDecay: numberIn(0, L.weightDecay),
    patience: integerIn(0, L.patience),
    factor: z.number({ error: 'must be in [0, 1)' }).check(z.gte(0), z.lt(1, { error: 'must be in [0, 1)' })),
    threshold: numberIn(0, 1),
    cooldown: integerIn(0, L.patience),
    minLr: numberIn(0, L.lr),
    // absent in checkpoints written before denoising training existed: no noise
    noise: z.optional(z.nullable(inputNoiseSchema)),
  },
  { error: 'is missing' },
);
