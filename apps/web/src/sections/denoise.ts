import { addNoise, mse, type NoiseKind } from '@bottleneck/image';
import * as tf from '@tensorflow/tfjs-core';
import type { App } from '../app';
import { byId, paintDigit } from '../render';

/** Clean, noisy and denoised versions of the selected digit, with each one's MSE to the clean image. */
export function denoiseSection(app: App) {
  const kind = byId<HTMLSelectElement>('noise-kind');
  const level = byId<HTMLInputElement>('noise-level');
  const levelOut = byId<HTMLOutputElement>('noise-level-out');

  async function render(): Promise<void> {
    levelOut.value = Number(level.value).toFixed(2);
    const clean = app.digits.toFloat32(app.selected, 1);
    const noisyTensor = tf.tidy(() =>
      addNoise(tf.tensor2d(clean, [1, app.lab.inputSize]), {
        kind: kind.value as NoiseKind,
        level: Number(level.value),
        seed: app.selected,
      }),
    );
    const noisy = (await noisyTensor.data()) as Float32Array;
    noisyTensor.dispose();
    const { outputs } = await app.lab.reconstruct(noisy, 1);
    paintDigit(byId<HTMLCanvasElement>('denoise-clean'), clean);
    paintDigit(byId<HTMLCanvasElement>('denoise-noisy'), noisy);
    paintDigit(byId<HTMLCanvasElement>('denoise-output'), outputs);
    for (const [id, value] of [
      ['noisy-mse', mse(noisy, clean)],
      ['denoised-mse', mse(outputs, clean)],
    ] as const) {
      const el = byId(id);
      el.textContent = value.toFixed(4);
      el.dataset.value = String(value);
    }
    const noisyMse = mse(noisy, clean);
    byId('denoise-gain').textContent =
      noisyMse > 0 ? `${Math.round((100 * mse(outputs, clean)) / noisyMse)}% of the noisy input's` : '–';
  }

  kind.addEventListener('change', () => void render());
  level.addEventListener('input', () => void render());
  return { render };
}
