import type { BatchInfo, EpochRecord } from '@bottleneck/train';
import * as tf from '@tensorflow/tfjs-core';
import cliProgress from 'cli-progress';

export interface TrainingProgress {
  batch(info: BatchInfo): void;
  epoch(record: EpochRecord): void;
  stop(): void;
}

/** The epoch line; it ends with the process RSS and live tensor count, to show both stay flat. */
export function formatEpoch(r: EpochRecord, epochs: number): string {
  const mse = r.testMse === null ? '' : ` test_mse ${r.testMse.toFixed(5)}`;
  // the model's own test loss where it is not the MSE (a VAE's, per image, as pytorch/examples prints it)
  const own = r.testLoss == null || r.testLoss === r.testMse ? '' : ` test_loss ${r.testLoss.toFixed(5)}`;
  const test = `${mse}${own}`;
  const drop = r.lrReduced ? ' (lr reduced)' : '';
  const memory = ` rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)}MiB tensors ${tf.memory().numTensors}`;
  return `epoch ${r.epoch}/${epochs} loss ${r.trainLoss.toFixed(5)}${test} lr ${r.lr.toExponential(1)} ${r.seconds.toFixed(2)}s${drop}${memory}`;
}

/**
 * A bar with epoch, batch, loss, lr and ETA on a terminal; one plain line per epoch otherwise
 * (CI logs, pipes).
 */
export function createProgress(
  epochs: number,
  batchesPerEpoch: number,
  startEpoch: number,
  stream: NodeJS.WriteStream = process.stderr,
): TrainingProgress {
  if (!stream.isTTY) {
    return {
      batch: () => {},
      epoch: (r) => console.log(formatEpoch(r, epochs)),
      stop: () => {},
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: 'epoch {epoch}/{epochs} {bar} batch {batch}/{batches} | loss {loss} | lr {lr} | ETA {eta_formatted}',
      etaBuffer: 4 * batchesPerEpoch,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(epochs * batchesPerEpoch, startEpoch * batchesPerEpoch, {
    epoch: startEpoch + 1,
    epochs,
    batch: 0,
    batches: batchesPerEpoch,
    loss: '-',
    lr: '-',
  });
  return {
    batch(info) {
      bar.update((info.epoch - 1) * batchesPerEpoch + info.batch, {
        epoch: info.epoch,
        batch: info.batch,
        lr: info.lr.toExponential(1),
        loss: info.loss.toFixed(5),
      });
    },
    // a line per epoch stays above the bar
    epoch: (r) => multi.log(`${formatEpoch(r, epochs)}\n`),
    stop: () => multi.stop(),
  };
}
