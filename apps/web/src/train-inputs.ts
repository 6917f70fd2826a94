/** The page's bounds on a training run: a browser tab, not the CLI's 100,000 epochs. */
export const TRAIN_LIMITS = { epochs: 200 } as const;

export type TrainInputs = { epochs: number; batchSize: number } | { error: string };

const INTEGER = /^\+?\d+$/;

function whole(text: string, min: number, max: number, what: string): number | string {
  const n = Number(text.trim());
  if (!INTEGER.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    return `${what}: expected a whole number from ${min} to ${max.toLocaleString('en')}, got "${text.trim().slice(0, 20)}".`;
  }
  return n;
}

/**
 * Checks the epochs and batch-size fields as the CLI checks its flags: whole numbers within bounds,
 * the batch no larger than the training images. Returns the values or a one-line message.
 */
export function parseTrainInputs(epochs: string, batch: string, images: number): TrainInputs {
  const e = whole(epochs, 1, TRAIN_LIMITS.epochs, 'epochs');
  if (typeof e === 'string') return { error: e };
  const b = whole(batch, 1, images, `batch (at most the ${images.toLocaleString('en')} training images)`);
  if (typeof b === 'string') return { error: b };
  return { epochs: e, batchSize: b };
}
