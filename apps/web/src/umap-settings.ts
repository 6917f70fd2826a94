import type { UmapSettings } from './umap-map';

/**
 * The latent map's UMAP settings. Measured (pnpm umap-sweep: k-NN class agreement, k = 10, on the
 * shipped models' codes of the first 2,000 test digits, seeds 0–2 agreeing within 0.01):
 * - scaling: ReLU codes (the MLP) to unit length 0.754, standardised 0.706, raw 0.667; signed codes
 *   standardised: conv 0.742 (unit length 0.732), a VAE of 2 0.52 (unit length 0.29: only an angle);
 * - neighbours 5 / 10 / 15 / 20 / 30 / 50: 0.743 / 0.754 / 0.749 / 0.749 / 0.738 / 0.729 (MLP);
 * - epochs 500, minDist 0.1, spread 0.5, repulsion 2, negative samples 10, a PCA start, exact
 *   neighbours: all within ±0.01 of these, some slower;
 * - more digits raise it a little: 5,000 give 0.768 (MLP) and 0.769 (conv) with a PCA start and
 *   200 epochs, in 1.8–2.1× the time (3.0–3.4 s → 6.0–6.2 s on an idle core), 0.76 with these
 *   settings in 2.2–2.9×; all 10,000 test digits 0.80 (MLP) in 3–4× the time.
 * The ceiling is the codes': their own cosine neighbourhoods agree 0.77 (MLP) over 2,000 digits.
 */
export const MAP_SETTINGS: UmapSettings = {
  scaling: 'by-sign',
  neighbours: 10,
  minDist: 0,
  spread: 1,
  epochs: 300,
  init: 'random',
};
