import type { ParameterInfo } from '@bottleneck/graph';

/**
 * The parameter tensors that worker `index` of `workers` updates: whole tensors, contiguous in
 * layout order, each going to the worker whose equal share of the flat vector holds its middle,
 * so the shares are near equal in size and every tensor has exactly one owner.
 */
export function updateShare(layout: readonly ParameterInfo[], workers: number, index: number): ParameterInfo[] {
  const total = layout.reduce((n, p) => n + p.size, 0);
  const owner = (p: ParameterInfo) => Math.min(workers - 1, Math.floor(((p.offset + p.size / 2) * workers) / total));
  return layout.filter((p) => owner(p) === index);
}
