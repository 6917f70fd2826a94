import type { LayerSpec } from '../model-spec';
import { dense } from './dense';
import type { LayerKind } from './layer-kind';

/** Each layer kind's forward and gradient, by its `kind` in a spec. */
export const LAYER_KINDS: { [K in LayerSpec['kind']]: LayerKind<Extract<LayerSpec, { kind: K }>> } = { dense };

/** The kind that runs `spec`. */
export function layerKind(spec: LayerSpec): LayerKind<LayerSpec> {
  return LAYER_KINDS[spec.kind] as LayerKind<LayerSpec>;
}
