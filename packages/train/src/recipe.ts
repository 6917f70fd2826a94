import type { InputNoise } from '@bottleneck/image';

/** The lab's recipe; every field has the lab's value by default. */
export interface TrainConfig {
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  /** ReduceLROnPlateau on the epoch loss. */
  patience: number;
  factor: number;
  threshold: number;
  cooldown: number;
  minLr: number;
  /** Denoising training: inputs corrupted by this noise, clean targets (the lab: none). */
  noise: InputNoise | null;
  /**
   * Seed of a variational model's ε (`latentNoise`: a function of seed, epoch and image);
   * absent in checkpoints from before VAEs: 0.
   */
  latentSeed?: number;
}

export const LAB_RECIPE: TrainConfig = {
  epochs: 50,
  batchSize: 2048,
  lr: 1e-3,
  weightDecay: 1e-5,
  patience: 5,
  factor: 0.1,
  threshold: 1e-4,
  cooldown: 0,
  minLr: 0,
  noise: null,
};

/** Adam's constants, as `torch.optim.Adam` defaults them (the lab does not change them). */
export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

export interface EpochRecord {
  epoch: number;
  /** Mean of the epoch's batch losses (what the scheduler sees). */
  trainLoss: number;
  /** MSE over the whole test split after the epoch, when a test split is given. */
  testMse: number | null;
  /**
   * The model's own loss over the test split, in its training loss's units (the VAE's BCE + KL
   * per image, z sampled); the test MSE when that is the loss. Absent in older histories.
   */
  testLoss?: number | null;
  /** Learning rate used during the epoch. */
  lr: number;
  /** True when the scheduler lowered the lr at the end of this epoch. */
  lrReduced: boolean;
  seconds: number;
}

export interface BatchInfo {
  epoch: number;
  batch: number;
  batches: number;
  lr: number;
  /** The batch loss. */
  loss: number;
}
