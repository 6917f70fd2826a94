export interface ReduceLROnPlateauOptions {
  mode?: 'min' | 'max';
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  cooldown?: number;
  minLr?: number;
  eps?: number;
}

export interface ReduceLROnPlateauState {
  best: number;
  numBadEpochs: number;
  cooldownCounter: number;
  lastEpoch: number;
}

/** Anything with a mutable learning rate (e.g. `Adam`). */
export interface HasLearningRate {
  lr: number;
}

/**
 * `torch.optim.lr_scheduler.ReduceLROnPlateau`, rule for rule: a metric is better than `best` when
 * it beats it by `threshold` (relative or absolute); after more than `patience` epochs without
 * improvement the lr becomes max(lr·factor, minLr), unless that changes it by eps or less; then
 * `cooldown` epochs pass in which bad epochs are not counted.
 */
export class ReduceLROnPlateau {
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLr: number;
  readonly eps: number;
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  lastEpoch = 0;

  constructor(
    private readonly optimizer: HasLearningRate,
    {
      mode = 'min',
      factor = 0.1,
      patience = 10,
      threshold = 1e-4,
      thresholdMode = 'rel',
      cooldown = 0,
      minLr = 0,
      eps = 1e-8,
    }: ReduceLROnPlateauOptions = {},
  ) {
    if (factor >= 1) throw new RangeError('ReduceLROnPlateau: factor should be < 1.0');
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.minLr = minLr;
    this.eps = eps;
    this.best = mode === 'min' ? Infinity : -Infinity;
  }

  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min') {
      return this.thresholdMode === 'rel' ? a < best * (1 - this.threshold) : a < best - this.threshold;
    }
    return this.thresholdMode === 'rel' ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }

  /** Call once per epoch with the monitored metric. Returns true when the lr was reduced. */
  step(metric: number): boolean {
    this.lastEpoch += 1;
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    let reduced = false;
    if (this.numBadEpochs > this.patience) {
      const old = this.optimizer.lr;
      const next = Math.max(old * this.factor, this.minLr);
      if (old - next > this.eps) {
        this.optimizer.lr = next;
        reduced = true;
      }
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    return reduced;
  }

  getState(): ReduceLROnPlateauState {
    const { best, numBadEpochs, cooldownCounter, lastEpoch } = this;
    return { best, numBadEpochs, cooldownCounter, lastEpoch };
  }

  setState(state: ReduceLROnPlateauState): void {
    Object.assign(this, state);
  }
}
