import type { ModelSpec } from '../model-spec';

/** The reconstruction losses' short names, as the references print them. */
const RECONSTRUCTION = { mse: 'MSE', bce: 'BCE', 'bce-sum': 'BCE summed' } as const;

/** The penalties layers add to the objective, by layer kind. */
const PENALTIES: Partial<Record<ModelSpec['layers'][number]['kind'], string>> = {
  variational: 'KL',
  'l1-activity': 'L1 on the code',
};

/**
 * The training objective in a few words: its reconstruction loss, the penalties its layers add,
 * and "per image" where a summed loss is reported per image (`MSE`, `BCE`, `MSE + L1 on the code`,
 * `BCE summed + KL, per image`).
 */
export function lossLabel(spec: ModelSpec): string {
  const loss = spec.loss ?? 'mse';
  const penalties = [...new Set(spec.layers.flatMap((l) => PENALTIES[l.kind] ?? []))];
  const words = [RECONSTRUCTION[loss], ...penalties].join(' + ');
  return loss === 'bce-sum' ? `${words}, per image` : words;
}
