import { integerText, LAB_RECIPE, parseText, TRAIN_SETTINGS } from '@bottleneck/train';

export type TrainInputs = { epochs: number; batchSize: number; lr: number } | { error: string };

/**
 * The learning-rate field's value for each way to start: the lab's for random weights; a smaller
 * step for fine-tuning, where a fresh Adam state at the lab's rate knocks a converged model off
 * its minimum (the held-out MSE ends higher than it started).
 */
export const DEFAULT_LR = { finetune: 3e-4, scratch: LAB_RECIPE.lr } as const;

/** The train form's fields as typed. */
export interface TrainFields {
  epochs: string;
  batch: string;
  lr: string;
}

/**
 * Checks the epochs, batch-size and learning-rate fields by the CLI's own definitions
 * (`TRAIN_SETTINGS`: the same bounds and messages as `--epochs`, `--batch-size` and `--lr`), the
 * batch also no larger than the training images. Returns the values or a one-line message naming
 * the field.
 */
export function parseTrainInputs(fields: TrainFields, images: number): TrainInputs {
  const e = parseText(TRAIN_SETTINGS.epochs, fields.epochs);
  if ('error' in e) return { error: `epochs: ${e.error}` };
  const b = parseText(TRAIN_SETTINGS.batchSize, fields.batch);
  if ('error' in b) return { error: `batch: ${b.error}` };
  // the data's own bound: a batch cannot take more images than there are
  const fits = parseText(integerText(1, images), fields.batch);
  if ('error' in fits)
    return { error: `batch (at most the ${images.toLocaleString('en')} training images): ${fits.error}` };
  const lr = parseText(TRAIN_SETTINGS.lr, fields.lr);
  if ('error' in lr) return { error: `learning rate: ${lr.error}` };
  return { epochs: e.value, batchSize: b.value, lr: lr.value };
}
