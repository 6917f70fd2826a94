import type { Activation } from '../model-spec';
import type { ActivationOp } from './activation-op';
import { leakyRelu } from './leaky-relu';
import { linear } from './linear';
import { relu } from './relu';
import { sigmoid } from './sigmoid';
import { tanh } from './tanh';

/** Each activation's forward and gradient, by its name in a spec. */
export const ACTIVATIONS: Record<Activation, ActivationOp> = {
  relu,
  sigmoid,
  tanh,
  'leaky-relu': leakyRelu,
  linear,
};
