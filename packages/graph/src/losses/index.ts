import type { LossName } from '../model-spec';
import { bce, bceSum } from './bce';
import type { LossOp } from './loss-op';
import { mse } from './mse';

/** Each reconstruction loss by its name in a spec. */
export const LOSSES: Record<LossName, LossOp> = { mse, bce, 'bce-sum': bceSum };
