import '@tensorflow/tfjs-backend-cpu';
import { createAutoencoder, Pcg64 } from '@bottleneck/autoencoder';
import { presetSpec } from '@bottleneck/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFOLD_SIDE, PRIOR_SAMPLES } from '@bottleneck/image';
import { manifoldImage, samplesImage } from './figures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const model = (preset: 'vae' | 'mlp', code: number) =>
  createAutoencoder({ spec: presetSpec(preset, { code }), random: new Pcg64(1) });

describe("a VAE's figures", () => {
  it('samples: 64 decoded prior draws in an 8×8 grid, seeded; none for a model without a variational layer', () => {
    const vae = model('vae', 20);
    const a = samplesImage(vae, 0)!;
    const side = (n: number, cell: number, gap: number) => n * cell + (n + 1) * gap;
    expect(a.width).toBe(side(PRIOR_SAMPLES.columns, 56, 2));
    expect(a.height).toBe(side(PRIOR_SAMPLES.count / PRIOR_SAMPLES.columns, 56, 2));
    expect(samplesImage(vae, 0)!.data).toEqual(a.data);
    expect(samplesImage(vae, 1)!.data).not.toEqual(a.data);
    expect(manifoldImage(vae)).toBeUndefined();
    expect(samplesImage(model('mlp', 2), 0)).toBeUndefined();
  });

  it('manifold: a 20×20 grid of decoded quantile codes for a 2-d latent, cells that differ', () => {
    const image = manifoldImage(model('vae', 2))!;
    expect([image.width, image.height]).toEqual([MANIFOLD_SIDE * 28, MANIFOLD_SIDE * 28]);
    const cell = (i: number, j: number) =>
      Array.from({ length: 28 }, (_, y) =>
        image.data.slice((i * 28 + y) * image.width + j * 28, (i * 28 + y) * image.width + j * 28 + 28),
      ).flatMap((r) => Array.from(r));
    expect(cell(0, 0)).not.toEqual(cell(19, 19));
  });
});
