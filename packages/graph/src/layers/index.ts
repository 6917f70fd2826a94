import type { LayerSpec } from '../model-spec';
import { dense } from './dense';
import { l1Activity } from './l1-activity';
import type { LayerKind } from './layer-kind';

/** Each layer kind's sizes, forward and gradient, by its `kind` in a spec. */
export const LAYER_KINDS: { [K in LayerSpec['kind']]: LayerKind<Extract<LayerSpec, { kind: K }>> } = {
  dense,
  'l1-activity': l1Activity,
};

/** The kind that runs `spec`. */
export function layerKind(spec: LayerSpec): LayerKind<LayerSpec> {
  return LAYER_KINDS[spec.kind] as LayerKind<LayerSpec>;
}
