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
  /** Swaps in another model (loaded or restored); the old one is disposed. */
  setModel(lab: LabModel, info: string, metadata: Record<string, unknown>): Promise<void>;
  /** The header's model line, and the provenance a download of the model carries. */
  setModelInfo(info: string, metadata: Record<string, unknown>): void;
  /** What a downloaded model.json says about where the model came from. */
  modelMetadata: Record<string, unknown>;
  /** Training writes into the page's model each epoch: loading models or data waits until it ends. */
  setTraining(running: boolean): void;
}

export type Section = (app: App) => Promise<void>;
