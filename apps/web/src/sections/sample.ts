import {
  gridImage,
  MANIFOLD_SIDE,
  manifoldCodes,
  PRIOR_SAMPLES,
  priorDraws,
  toGrayImages,
  toRgba,
} from '@bottleneck/image';
import { latentNoiseWidth } from '@bottleneck/graph';
import type { App } from '../app';
import { byId, context2d } from '../render';

/** The page's seed for prior samples: draw d of it is the d-th press of the button. */
const SAMPLE_SEED = 1;

function paintGrid(canvas: HTMLCanvasElement, images: Float32Array, size: number, columns: number): void {
  const side = Math.round(Math.sqrt(size));
  const img = gridImage(toGrayImages(images, { width: side, height: side }), { columns, padding: 1 });
  canvas.width = img.width;
  canvas.height = img.height;
  context2d(canvas).putImageData(new ImageData(toRgba(img), img.width, img.height), 0, 0);
}

/** A VAE's own panel: 64 digits decoded from z ~ N(0, 1), and for a 2-d code the manifold. Hidden for other models. */
export function sampleSection(app: App) {
  const panel = byId('vae');
  const button = byId<HTMLButtonElement>('vae-sample');
  let draw = 0;

  async function sample(): Promise<void> {
    const k = app.lab.codeSize;
    const { count, columns } = PRIOR_SAMPLES;
    const outputs = await app.lab.decode(priorDraws(count, k, SAMPLE_SEED, draw), count);
    const canvas = byId<HTMLCanvasElement>('vae-samples');
    paintGrid(canvas, outputs, app.lab.inputSize, columns);
    canvas.dataset.count = String(outputs.length / app.lab.inputSize);
    canvas.dataset.draw = String(draw);
  }

  button.addEventListener('click', () => {
    draw++;
    void sample();
  });

  async function render(): Promise<void> {
    const variational = latentNoiseWidth(app.lab.model.spec) > 0;
    panel.hidden = !variational;
    if (!variational) return;
    const box = byId('vae-manifold-box');
    box.hidden = app.lab.codeSize !== 2;
    await sample();
    if (box.hidden) return;
    const grid = await app.lab.decode(manifoldCodes(MANIFOLD_SIDE), MANIFOLD_SIDE * MANIFOLD_SIDE);
    paintGrid(byId<HTMLCanvasElement>('vae-manifold'), grid, app.lab.inputSize, MANIFOLD_SIDE);
  }

  return { render };
}
