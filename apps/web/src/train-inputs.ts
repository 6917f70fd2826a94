import { integerText, LAB_RECIPE, parseText, TRAIN_SETTINGS } from '@bottleneck/train';

export type TrainInputs = { epochs: number; batchSize: number; lr: number } | { error: string };

/**
 * The learning-rate field's value for each way to start: the lab's for random weights; far smaller
 * for fine-tuning, where a fresh Adam state moves every weight by about the rate at once and a few
 * thousand images overfit a model trained on 60,000. Measured on the page's defaults (5,000 images,
 * 5 epochs, batch 256), held-out MSE of the shipped mlp 0.02584 before: 1e-3 → 0.02698 (+4%),
 * 3e-4 → 0.02623, 1e-4 → 0.02591, 3e-5 → 0.02572, 1e-5 → 0.02565, 5e-6 → 0.02564 (−0.8%; conv
 * −0.4%, VAE −0.2%, none yet turning back up after 5 epochs).
 */
export const DEFAULT_LR = { finetune: 5e-6, scratch: LAB_RECIPE.lr } as const;

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
