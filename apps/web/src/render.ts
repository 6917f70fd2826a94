import { toGrayImages, toRgba } from '@bottleneck/image';
import { CLASS_COLOURS } from '@bottleneck/image';

/**
 * A 2-D context kept in main memory (`willReadFrequently`): the page's canvases are small, and on a
 * machine without a GPU the first GPU-backed canvas cost ~1.2 s to the next frame (Chromium on
 * SwiftShader). One home for every canvas the page paints.
 */
export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error(`#${canvas.id || 'canvas'}: no 2-D context`);
  return ctx;
}

/** Paints one square image of values in [0,1] onto a canvas of its size (CSS scales it up, pixelated). */
export function paintDigit(canvas: HTMLCanvasElement, values: ArrayLike<number>): void {
  const [img] = toGrayImages([values]);
  if (!img) return;
  canvas.width = img.width;
  canvas.height = img.height;
  context2d(canvas).putImageData(new ImageData(toRgba(img), img.width, img.height), 0, 0);
}

export function digitCanvas(values: ArrayLike<number>, title?: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  paintDigit(canvas, values);
  if (title) canvas.title = title;
  return canvas;
}

/** Codes up to this long show each bar's value under it; longer ones only in the title and label. */
const LABELLED_BARS = 8;

/** The bottleneck code as bars, scaled to `max` (so codes of different digits compare). */
export function paintCode(el: HTMLElement, code: ArrayLike<number>, max: number): void {
  // one row of bars: at least the lab's 8 columns, and a long code's bars narrow, without numbers
  el.style.setProperty('--code-columns', String(Math.max(LABELLED_BARS, code.length)));
  el.classList.toggle('many', code.length > LABELLED_BARS);
  el.setAttribute('aria-label', `bottleneck values: ${Array.from(code, (v) => v.toFixed(1)).join(', ')}`);
  el.replaceChildren(
    ...Array.from(code, (v) => {
      const bar = document.createElement('div');
      bar.style.height = `${Math.max(0, Math.min(1, v / (max || 1))) * 100}%`;
      const label = document.createElement('span');
      label.textContent = v.toFixed(1);
      bar.append(label);
      bar.title = v.toFixed(4);
      return bar;
    }),
  );
}

/** One image (row `index`, `size` values) of a row-major batch. */
export function row(values: Float32Array, index: number, size: number): Float32Array {
  return values.subarray(index * size, (index + 1) * size);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}

/** One colour per digit: the figures' palette, so a class looks the same in `latent.png` and here. */
export const DIGIT_COLOURS = CLASS_COLOURS;

/** A colour token of the page's design system (style.css), as the current colour scheme sets it. */
export function token(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}
