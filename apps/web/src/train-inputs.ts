import { integerText, parseText, TRAIN_SETTINGS } from '@bottleneck/train';

export type TrainInputs = { epochs: number; batchSize: number } | { error: string };

/**
 * Checks the epochs and batch-size fields by the CLI's own definitions (`TRAIN_SETTINGS`: the same
 * bounds and messages as `--epochs` and `--batch-size`), the batch also no larger than the
 * training images. Returns the values or a one-line message naming the field.
 */
export function parseTrainInputs(epochs: string, batch: string, images: number): TrainInputs {
  const e = parseText(TRAIN_SETTINGS.epochs, epochs);
  if ('error' in e) return { error: `epochs: ${e.error}` };
  const b = parseText(TRAIN_SETTINGS.batchSize, batch);
  if ('error' in b) return { error: `batch: ${b.error}` };
  // the data's own bound: a batch cannot take more images than there are
  const fits = parseText(integerText(1, images), batch);
  if ('error' in fits)
    return { error: `batch (at most the ${images.toLocaleString('en')} training images): ${fits.error}` };
  return { epochs: e.value, batchSize: b.value };
}
