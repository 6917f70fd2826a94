import type { LayerSpec } from '../model-spec';
import { conv2d } from './conv2d';
import { convTranspose2d } from './conv-transpose2d';
import { dense } from './dense';
import { l1Activity } from './l1-activity';
import type { LayerKind } from './layer-kind';
import { reshape } from './reshape';
import { variational } from './variational';

/** Each layer kind's shapes, forward and gradient, by its `kind` in a spec. */
export const LAYER_KINDS: { [K in LayerSpec['kind']]: LayerKind<Extract<LayerSpec, { kind: K }>> } = {
  dense,
  'l1-activity': l1Activity,
  reshape,
  conv2d,
  'conv-transpose2d': convTranspose2d,
  variational,
};

/** The kind that runs `spec`. */
export function layerKind(spec: LayerSpec): LayerKind<LayerSpec> {
  return LAYER_KINDS[spec.kind] as LayerKind<LayerSpec>;
}
