import { parseWith } from '@bottleneck/graph/internal';
import type { LossPoint } from '@bottleneck/image';
import { readRegularTextFile, writeFileAtomic } from '@bottleneck/node-io';
import { type EpochRecord, type HistoryRecord, historyRecordSchema, TRAIN_LIMITS } from '@bottleneck/train';
import { asInput, InputError } from './errors';

/** `history.json`: one record per epoch, written by train and lab, read by plot. */
export const HISTORY_FILE = 'history.json';

/** Writes the history atomically, pretty-printed. */
export function writeHistory(path: string, history: readonly EpochRecord[]): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(history, null, 2)}\n`);
}

/** history.json of at most `TRAIN_LIMITS.epochs` epochs, ~200 bytes each. */
const MAX_HISTORY_BYTES = 64 * 2 ** 20;

/**
 * Reads a history.json's records, each checked before anything uses it, so a hostile file costs
 * time and memory in proportion to its (bounded) size and fails with one line that starts with
 * `label` (default: the `plot` flag that named it).
 */
export async function readHistoryRecords(file: string, label = `--history ${file}`): Promise<HistoryRecord[]> {
  const text = await asInput(label, () =>
    readRegularTextFile(file, { maxBytes: MAX_HISTORY_BYTES, what: 'a history.json written by train or lab' }),
  );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${label}: not valid JSON`);
  }
  if (!Array.isArray(json) || json.length === 0 || json.length > TRAIN_LIMITS.epochs) {
    throw new InputError(
      `${label}: expected an array of 1 to ${TRAIN_LIMITS.epochs} {epoch, trainLoss, testMse, lr, lrReduced} (history.json)`,
    );
  }
  let previous = 0;
  return json.map((r: unknown, i): HistoryRecord => {
    const where = `${label}: record ${i + 1}`;
    let record: HistoryRecord;
    try {
      record = parseWith(historyRecordSchema, r, where);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    if (record.epoch <= previous) throw new InputError(`${where}: epochs must increase`);
    previous = record.epoch;
    return record;
  });
}

/** A history.json's epochs as `plot` draws them. */
export async function readHistory(file: string): Promise<LossPoint[]> {
  const points = (await readHistoryRecords(file)).map(
    (record): LossPoint => ({
      epoch: record.epoch,
      trainLoss: record.trainLoss ?? Number.NaN,
      testMse: record.testMse ?? null,
      lr: record.lr ?? 0,
      lrReduced: record.lrReduced ?? false,
    }),
  );
  if (!points.some((p) => Number.isFinite(p.trainLoss) || p.testMse !== null)) {
    throw new InputError(`--history ${file}: no epoch has a loss to plot (all are null)`);
  }
  return points;
}
