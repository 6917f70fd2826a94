import type { UmapSettings } from './umap-map';

/**
 * The latent map's UMAP settings. Measured on the shipped models' codes (scripts/umap-sweep.ts):
 * see the table in the comment below once measured.
 */
export const MAP_SETTINGS: UmapSettings = {
  scaling: 'by-sign',
  neighbours: 10,
  minDist: 0,
  spread: 1,
  epochs: 300,
  init: 'random',
};
