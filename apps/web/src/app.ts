import type { MnistSplit } from '@bottleneck/mnist';
import type { LabModel } from './lab-model';

/** What every section reads; `refresh()` re-renders them all after the model or data changes. */
export interface App {
  lab: LabModel;
  /** Digits the page shows and trains on (the shipped test sample, or the user's images). */
  digits: MnistSplit;
  /** Index into `digits` of the selected digit. */
  selected: number;
  refresh(): Promise<void>;
  select(index: number): Promise<void>;
}

export type Section = (app: App) => Promise<void>;

/** First `perLabel` indices of each label 0-9, label-major: the gallery's columns. */
export function galleryIndices(labels: Uint8Array, perLabel: number): number[] {
  const picked: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const list = picked[labels[i]!];
    if (list && list.length < perLabel) list.push(i);
  }
  const out: number[] = [];
  for (let r = 0; r < perLabel; r++) for (const list of picked) if (list[r] !== undefined) out.push(list[r]!);
  return out;
}
