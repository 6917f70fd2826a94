import { type LossName, lossIsMse, lossParts, type ModelSpec } from '@bottleneck/graph';

/** How the page names a model's training loss, from its spec (never from a preset's name). */
export interface LossWords {
  /** What the reported batch loss is, e.g. "training loss (binary cross-entropy)". */
  trainingLoss: string;
  /** The chart's y label and the status line's short name for the loss, e.g. "binary cross-entropy". */
  axis: string;
  /** Decimals that show the loss's changes: a mean is ~0.1, a per-image sum ~100. */
  decimals: number;
  /** The loss is plain MSE: the held-out MSE can share its axis. */
  isTestMse: boolean;
}

/** The reconstruction losses in plain words. */
const RECONSTRUCTION: Record<LossName, string> = {
  mse: 'MSE',
  bce: 'binary cross-entropy',
  'bce-sum': 'BCE summed over pixels',
};

/** The words for `spec`'s loss: its reconstruction loss plus the penalties of its layers. */
export function lossWords(spec: ModelSpec): LossWords {
  const { loss, penalties, perImage } = lossParts(spec);
  const words = RECONSTRUCTION[loss];
  const what = [words, ...penalties].join(' + ');
  return {
    trainingLoss: perImage ? `training loss per image (${what})` : `training loss (${what})`,
    // a vertical axis has room for a short name
    axis: perImage ? 'loss per image' : penalties.length > 0 ? 'loss' : words,
    decimals: perImage ? 1 : 4,
    isTestMse: lossIsMse(spec),
  };
}
