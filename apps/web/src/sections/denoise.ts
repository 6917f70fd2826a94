import { addNoise, type InputNoiseKind, mse } from '@bottleneck/image';
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
    // the noise training uses, keyed by the digit's index in the test set
    const noisy = addNoise(
      clean,
      app.lab.inputSize,
      { kind: kind.value as InputNoiseKind, level: Number(level.value) },
      [app.selected],
    );
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
