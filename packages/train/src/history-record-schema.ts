import { integerIn, numberIn } from '@bottleneck/graph/internal';
import * as z from 'zod/mini';
import { TRAIN_LIMITS } from './limits';

const POSITIVE_OR_NULL = 'must be a positive number or null';
// JSON has no NaN: a diverged epoch's loss is written as null
const lossOrNull = z.nullable(z.number({ error: POSITIVE_OR_NULL }).check(z.gt(0, { error: POSITIVE_OR_NULL })));

/**
 * One epoch of a `history.json` (an `EpochRecord` as JSON) as a plot reads it: `epoch` within
 * `TRAIN_LIMITS.epochs`, losses positive or null, `lr` within `TRAIN_LIMITS.lr`; only `epoch` and
 * `trainLoss` are required.
 */
export const historyRecordSchema = z.object(
  {
    epoch: integerIn(1, TRAIN_LIMITS.epochs),
    trainLoss: lossOrNull,
    testMse: z.optional(lossOrNull),
    testLoss: z.optional(lossOrNull),
    lr: z.optional(numberIn(0, TRAIN_LIMITS.lr, { above: true })),
    lrReduced: z.optional(z.boolean({ error: 'must be true or false' })),
  },
  { error: 'is not an object' },
);

export type HistoryRecord = z.infer<typeof historyRecordSchema>;
