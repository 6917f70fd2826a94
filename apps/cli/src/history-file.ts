import type { LossPoint } from '@bottleneck/image';
import { readRegularTextFile, writeFileAtomic } from '@bottleneck/node-io';
import type { EpochRecord } from '@bottleneck/train';
import { asInput, InputError } from './errors';
import { LIMITS } from './options';

/** `history.json`: one record per epoch, written by train and lab, read by plot. */
export const HISTORY_FILE = 'history.json';

/** Writes the history atomically, pretty-printed. */
export function writeHistory(path: string, history: readonly EpochRecord[]): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(history, null, 2)}\n`);
}

type HistoryEntry = Omit<LossPoint, 'lr' | 'lrReduced'> & Partial<Pick<LossPoint, 'lr' | 'lrReduced'>>;

/** JSON has no NaN: a diverged epoch's loss was written as null. */
const numberOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

function isHistoryEntry(r: unknown): r is HistoryEntry {
  const p = r as HistoryEntry;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.epoch === 'number' &&
    Number.isFinite(p.epoch) &&
    numberOrNull(p.trainLoss) &&
    numberOrNull(p.testMse)
  );
}

/** history.json of at most `LIMITS.epochs` epochs, ~200 bytes each. */
const MAX_HISTORY_BYTES = 64 * 2 ** 20;

export async function readHistory(file: string): Promise<LossPoint[]> {
  const text = await asInput(`--history ${file}`, () =>
    readRegularTextFile(file, { maxBytes: MAX_HISTORY_BYTES, what: 'a history.json written by train or lab' }),
  );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`--history ${file}: not valid JSON`);
  }
  if (!Array.isArray(json) || json.length === 0 || json.length > LIMITS.epochs || !json.every(isHistoryEntry)) {
    throw new InputError(
      `--history ${file}: expected an array of 1 to ${LIMITS.epochs} {epoch, trainLoss, testMse, lr, lrReduced} (history.json)`,
    );
  }
  return json.map((r) => ({
    ...r,
    trainLoss: r.trainLoss ?? Number.NaN,
    lr: r.lr ?? 0,
    lrReduced: r.lrReduced ?? false,
  }));
}
