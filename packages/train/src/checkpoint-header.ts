import { autoencoderConfigSchema } from '@bottleneck/autoencoder';
import { modelSpecSchema } from '@bottleneck/graph';
import { integerIn, numberIn } from '@bottleneck/graph/internal';
import * as z from 'zod/mini';
import { TRAIN_LIMITS } from './limits';
import { trainConfigSchema } from './train-config-schema';

const atLeast = (min: number) => numberIn(min, Number.MAX_VALUE);
const count = integerIn(0, Number.MAX_SAFE_INTEGER);

/** One epoch as a checkpoint keeps it: finite non-negative losses and times. */
export const epochRecordSchema = z.object(
  {
    epoch: integerIn(1, TRAIN_LIMITS.epochs),
    trainLoss: atLeast(0),
    testMse: z.nullable(atLeast(0)),
    testLoss: z.optional(z.nullable(atLeast(0))),
    lr: numberIn(0, TRAIN_LIMITS.lr),
    lrReduced: z.boolean({ error: 'must be true or false' }),
    seconds: atLeast(0),
  },
  { error: 'is not an epoch record' },
);

/**
 * A checkpoint's JSON header, field by field, before anything is allocated from it. The
 * relations between fields (size, one record per epoch) are checked by the decoder.
 */
export const checkpointHeaderSchema = z.object(
  {
    modelConfig: autoencoderConfigSchema,
    model: z.optional(modelSpecSchema),
    trainConfig: trainConfigSchema,
    epoch: integerIn(0, TRAIN_LIMITS.epochs),
    history: z.array(epochRecordSchema).check(z.maxLength(TRAIN_LIMITS.epochs, { error: 'has too many records' })),
    optimizer: z.object({ step: count, lr: numberIn(0, TRAIN_LIMITS.lr) }, { error: 'is missing' }),
    scheduler: z.object(
      {
        // JSON has no Infinity: the scheduler's initial best is kept as a string
        best: z.union([numberIn(-Number.MAX_VALUE, Number.MAX_VALUE), z.enum(['Infinity', '-Infinity'])], {
          error: 'must be a number or "Infinity"',
        }),
        numBadEpochs: count,
        cooldownCounter: count,
        lastEpoch: count,
      },
      { error: 'is missing' },
    ),
    shuffler: z
      .array(integerIn(0, Number.MAX_SAFE_INTEGER), { error: 'must be a list of integers' })
      .check(z.maxLength(64, { error: 'must hold at most 64 words' })),
    data: z.object(
      { trainCount: integerIn(1, Number.MAX_SAFE_INTEGER), fingerprint: integerIn(0, 0xffffffff) },
      { error: 'is missing or malformed (expected trainCount and fingerprint)' },
    ),
    /** Number of parameters: the body holds params, Adam m and Adam v, each this long. */
    size: integerIn(1, Number.MAX_SAFE_INTEGER),
  },
  { error: 'header is not an object' },
);

export type CheckpointHeader = z.infer<typeof checkpointHeaderSchema>;
