import type { LossName, ModelSpec } from '../model-spec';

/** The reconstruction losses' short names, as the references print them. */
const RECONSTRUCTION: Record<LossName, string> = { mse: 'MSE', bce: 'BCE', 'bce-sum': 'BCE summed' };

/** The penalties layers add to the objective, by layer kind. */
const PENALTIES: Partial<Record<ModelSpec['layers'][number]['kind'], string>> = {
  variational: 'KL',
  'l1-activity': 'L1 on the code',
};

/** What a model's training objective is made of, for words about it. */
export interface LossParts {
  loss: LossName;
  /** The penalties its layers add, named once each (`KL`, `L1 on the code`). */
  penalties: string[];
  /** Its batch loss is reported per image (a summed loss), not as a mean of about 0.1. */
  perImage: boolean;
}

export function lossParts(spec: ModelSpec): LossParts {
  const loss = spec.loss ?? 'mse';
  const penalties = [...new Set(spec.layers.flatMap((l) => PENALTIES[l.kind] ?? []))];
  return { loss, penalties, perImage: loss === 'bce-sum' };
}

/**
 * The training objective in a few words: its reconstruction loss, the penalties its layers add,
 * and "per image" where a summed loss is reported per image (`MSE`, `BCE`, `BCE + L1 on the code`,
 * `BCE summed + KL, per image`).
 */
export function lossLabel(spec: ModelSpec): string {
  const { loss, penalties, perImage } = lossParts(spec);
  const words = [RECONSTRUCTION[loss], ...penalties].join(' + ');
  return perImage ? `${words}, per image` : words;
}
