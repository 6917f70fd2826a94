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

/**
 * A history entry as plot reads it: `epoch` an integer from 1 to `LIMITS.epochs`, losses positive
 * finite numbers or null (JSON has no NaN: a diverged epoch's loss is written as null), `lr` a
 * positive finite number, `lrReduced` a boolean. Returns what is wrong, or undefined.
 */
function entryProblem(r: unknown): string | undefined {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return 'is not an object';
  const p = r as Record<string, unknown>;
  const e = p.epoch;
  if (typeof e !== 'number' || !Number.isInteger(e) || e < 1 || e > LIMITS.epochs) {
    return `epoch must be an integer from 1 to ${LIMITS.epochs}`;
  }
  for (const key of ['trainLoss', 'testMse']) {
    const v = p[key];
    if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      return `${key} must be a positive number or null`;
    }
  }
  if (p.trainLoss === undefined) return 'trainLoss must be a positive number or null';
  if (p.lr !== undefined && !(typeof p.lr === 'number' && Number.isFinite(p.lr) && p.lr > 0 && p.lr <= LIMITS.lr)) {
    return `lr must be a positive number up to ${LIMITS.lr}`;
  }
  if (p.lrReduced !== undefined && typeof p.lrReduced !== 'boolean') return 'lrReduced must be true or false';
  return undefined;
}

/** history.json of at most `LIMITS.epochs` epochs, ~200 bytes each. */
const MAX_HISTORY_BYTES = 64 * 2 ** 20;

/**
 * Reads a history.json for `plot`. Every value is checked before anything is drawn, so a hostile
 * file costs time and memory in proportion to its (bounded) size and fails with one line.
 */
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
  if (!Array.isArray(json) || json.length === 0 || json.length > LIMITS.epochs) {
    throw new InputError(
      `--history ${file}: expected an array of 1 to ${LIMITS.epochs} {epoch, trainLoss, testMse, lr, lrReduced} (history.json)`,
    );
  }
  let previous = 0;
  json.forEach((r: unknown, i) => {
    const problem = entryProblem(r) ?? ((r as LossPoint).epoch <= previous ? 'epochs must increase' : undefined);
    if (problem) throw new InputError(`--history ${file}: record ${i + 1}: ${problem}`);
    previous = (r as LossPoint).epoch;
  });
  const points = (json as Partial<LossPoint>[]).map((r) => ({
    epoch: r.epoch!,
    trainLoss: r.trainLoss ?? Number.NaN,
    testMse: r.testMse ?? null,
    lr: r.lr ?? 0,
    lrReduced: r.lrReduced ?? false,
  }));
  if (!points.some((p) => Number.isFinite(p.trainLoss) || p.testMse !== null)) {
    throw new InputError(`--history ${file}: no epoch has a loss to plot (all are null)`);
  }
  return points;
}
