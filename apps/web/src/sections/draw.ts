import type { App } from '../app';
import { centreByMass } from '../centre';
import { nearestCode } from '../code-space';
import { byId, context2d, paintCode, paintDigit } from '../render';
import type { CodeBook } from './latent';

/** What the drawing links to: the map's codes (for the nearest digit), its star, section 4's B. */
export interface DrawLinks {
  codeBook(): CodeBook | null;
  showDrawn(code: Float32Array | null): void;
  useDrawing(x: Float32Array): Promise<void>;
}

/** Strokes that can be undone, one snapshot each. */
const UNDO_DEPTH = 30;

/** MNIST digits were fit into 20×20, then centred by mass in 28×28: the same proportion at any size. */
const BOX_SHARE = 20 / 28;

/**
 * Reads the pad's ink as a `side`×`side` MNIST-style image (28 for the lab's 784 inputs): cropped,
 * fit into a box of 20/28 of the side, centred by mass.
 */
function padToDigit(pad: HTMLCanvasElement, scratch: HTMLCanvasElement, side: number): Float32Array {
  const ctx = context2d(pad);
  const { width, height } = pad;
  const ink = ctx.getImageData(0, 0, width, height).data;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[(y * width + x) * 4]! > 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  const out = new Float32Array(side * side);
  if (x1 < 0) return out;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const scale = Math.round(side * BOX_SHARE) / Math.max(w, h);
  scratch.width = side;
  scratch.height = side;
  const s = context2d(scratch);
  s.fillStyle = '#000';
  s.fillRect(0, 0, side, side);
  s.imageSmoothingEnabled = true;
  s.imageSmoothingQuality = 'high';
  s.drawImage(pad, x0, y0, w, h, (side - w * scale) / 2, (side - h * scale) / 2, w * scale, h * scale);
  const small = s.getImageData(0, 0, side, side).data;
  for (let i = 0; i < out.length; i++) out[i] = small[i * 4]! / 255;
  return centreByMass(out, side);
}

/** A drawing pad whose digit is reconstructed while it is drawn. */
export function drawSection(app: App, links: DrawLinks) {
  const pad = byId<HTMLCanvasElement>('draw-pad');
  const scratch = document.createElement('canvas');
  const ctx = context2d(pad);
  const undoButton = byId<HTMLButtonElement>('draw-undo');
  const useButton = byId<HTMLButtonElement>('draw-use');
  let last: { x: number; y: number } | null = null;
  let pending = false;
  let history: ImageData[] = [];
  let digit: Float32Array = new Float32Array(0);

  function clear(): void {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, pad.width, pad.height);
  }

  /** Before each stroke (and a clear): the pad as it was, for undo. */
  function checkpoint(): void {
    history.push(ctx.getImageData(0, 0, pad.width, pad.height));
    if (history.length > UNDO_DEPTH) history = history.slice(-UNDO_DEPTH);
    undoButton.disabled = false;
  }

  function point(e: PointerEvent) {
    const r = pad.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * pad.width) / r.width, y: ((e.clientY - r.top) * pad.height) / r.height };
  }

  function stroke(to: { x: number; y: number }): void {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 22;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo((last ?? to).x, (last ?? to).y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last = to;
    schedule();
  }

  // one model call per frame, however fast the pointer moves
  function schedule(): void {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      void render();
    });
  }

  async function render(): Promise<void> {
    const x = padToDigit(pad, scratch, Math.round(Math.sqrt(app.lab.inputSize)));
    digit = x;
    // an empty pad has nothing to reconstruct (the decoder would draw a grey ghost digit)
    const empty = !x.some((v) => v > 0);
    useButton.disabled = empty;
    byId('draw-hint').hidden = !empty;
    const { codes, outputs } = empty
      ? { codes: new Float32Array(app.lab.codeSize), outputs: new Float32Array(x.length) }
      : await app.lab.reconstruct(x, 1);
    paintDigit(byId<HTMLCanvasElement>('draw-input'), x);
    paintDigit(byId<HTMLCanvasElement>('draw-output'), outputs);
    paintCode(byId('draw-code'), codes, Math.max(...codes, 1));
    const ink = x.reduce((a, b) => a + b, 0);
    const mean = outputs.reduce((a, b) => a + b, 0) / outputs.length;
    byId('draw-ink').textContent = ink.toFixed(1);
    const meanEl = byId('draw-out-mean');
    meanEl.textContent = mean.toFixed(4);
    meanEl.dataset.value = String(mean);
    meanEl.dataset.output = Array.from(outputs, (v) => Math.round(v * 255)).join(',');
    const nearestEl = byId('draw-nearest');
    const book = links.codeBook();
    if (empty || !book) {
      nearestEl.textContent = '–';
      delete nearestEl.dataset.label;
      links.showDrawn(null);
      return;
    }
    const near = nearestCode(book.codes.subarray(0, book.n * book.k), book.k, codes);
    const label = app.digits.labels[near.index]!;
    nearestEl.textContent = `${label} (#${near.index}), distance ${near.distance.toFixed(2)}`;
    nearestEl.dataset.label = String(label);
    nearestEl.dataset.index = String(near.index);
    nearestEl.dataset.distance = String(near.distance);
    links.showDrawn(codes.slice(0, book.k));
  }

  pad.addEventListener('pointerdown', (e) => {
    pad.setPointerCapture(e.pointerId);
    checkpoint();
    last = null;
    stroke(point(e));
  });
  pad.addEventListener('pointermove', (e) => {
    if (pad.hasPointerCapture(e.pointerId)) stroke(point(e));
  });
  const end = (e: PointerEvent) => {
    if (pad.hasPointerCapture(e.pointerId)) pad.releasePointerCapture(e.pointerId);
    last = null;
  };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);
  // the keyboard's pen: Space lowers or lifts it, the arrow keys move it (drawing while it is down)
  let pen = { x: pad.width / 2, y: pad.height / 4, down: false };
  pad.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 40 : 14;
    const move: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    if (e.key === ' ') {
      e.preventDefault();
      pen.down = !pen.down;
      last = null;
      if (pen.down) checkpoint();
      if (pen.down) stroke(pen);
      return;
    }
    const d = move[e.key];
    if (!d) return;
    e.preventDefault();
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
    pen = { ...pen, x: clamp(pen.x + d[0], pad.width), y: clamp(pen.y + d[1], pad.height) };
    if (pen.down) stroke(pen);
    showPen();
  });
  // the keyboard's pen is visible while the pad has focus, filled when it is down
  const penMark = byId('draw-pen');
  function showPen(): void {
    penMark.style.left = `${(100 * pen.x) / pad.width}%`;
    penMark.style.top = `${(100 * pen.y) / pad.height}%`;
    penMark.classList.toggle('down', pen.down);
  }
  pad.addEventListener('keyup', (e) => {
    if (e.key === ' ') showPen();
  });
  pad.addEventListener('focus', () => {
    penMark.hidden = !pad.matches(':focus-visible');
    showPen();
  });
  pad.addEventListener('blur', () => {
    pen.down = false;
    last = null;
    penMark.hidden = true;
  });

  byId('draw-clear').addEventListener('click', () => {
    checkpoint();
    clear();
    void render();
  });
  undoButton.addEventListener('click', () => {
    const previous = history.pop();
    if (previous) ctx.putImageData(previous, 0, 0);
    undoButton.disabled = history.length === 0;
    // a disabled button drops focus to the page: hand it to the pad instead
    if (undoButton.disabled && document.activeElement === undoButton) pad.focus();
    void render();
  });
  useButton.addEventListener('click', () => {
    void links.useDrawing(digit).then(() => byId('interpolate').scrollIntoView({ behavior: 'smooth' }));
  });
  clear();
  return { render };
}
