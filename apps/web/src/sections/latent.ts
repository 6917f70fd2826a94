import type { App } from '../app';
import { fitPca, type Pca, projectPca, unprojectPca } from '@bottleneck/image';
import { byId, DIGIT_COLOURS, paintDigit, row } from '../render';

export const LATENT_POINTS = 2000;
/** Cells per side of the decoded grid over the map's plane. */
export const GRID_CELLS = 10;
/** Canvas pixels an arrow key moves the cursor (Shift: four times as far). */
const KEY_STEP = 8;

/**
 * The latent space three ways: up to 2,000 codes projected to 2-D by PCA (hover shows the nearest
 * digit; a click or the arrow keys move a cursor that is decoded), the decoder's output on a grid
 * over that plane, and one slider per code number.
 */
export function latentSection(app: App) {
  const canvas = byId<HTMLCanvasElement>('latent-map');
  const ctx = canvas.getContext('2d')!;
  const grid = byId<HTMLCanvasElement>('latent-grid');
  const sliders = byId('latent-sliders');
  const live = byId('latent-live');
  let points: Float64Array = new Float64Array(0); // canvas x, y per digit
  let pca: Pca | null = null;
  let toCanvas = (p: number[]) => p;
  let fromCanvas = (p: number[]) => p;
  let inputs: Float32Array = new Float32Array(0);
  let base: ImageData | null = null;
  let cursor: [number, number] | null = null;

  byId('latent-legend').replaceChildren(
    ...DIGIT_COLOURS.map((c, d) => {
      const s = document.createElement('span');
      s.style.setProperty('--c', c);
      s.textContent = String(d);
      return s;
    }),
  );

  /** A code on the map's plane; the bottleneck is a ReLU, so the decoder only ever saw codes ≥ 0. */
  const codeAt = (p: Pca, x: number, y: number) => unprojectPca(p, fromCanvas([x, y])).map((v) => Math.max(0, v));

  function nearest(x: number, y: number, within = Number.POSITIVE_INFINITY): number {
    let best = -1;
    let bestD = within;
    for (let i = 0; i < points.length / 2; i++) {
      const d = (points[2 * i]! - x) ** 2 + (points[2 * i + 1]! - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  function showNearest(i: number): void {
    paintDigit(byId<HTMLCanvasElement>('latent-hover'), row(inputs, i, app.lab.inputSize));
    byId('latent-hover-label').textContent = `${app.digits.labels[i]} (#${i})`;
  }

  /** One marker: the map is redrawn from its cached dots each time, so markers never pile up. */
  function drawCursor(): void {
    if (!base) return;
    ctx.putImageData(base, 0, 0);
    if (!cursor) return;
    const [cx, cy] = cursor;
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#000';
    ctx.strokeRect(cx - 6, cy - 6, 12, 12);
    ctx.beginPath();
    ctx.moveTo(cx - 10, cy);
    ctx.lineTo(cx + 10, cy);
    ctx.moveTo(cx, cy - 10);
    ctx.lineTo(cx, cy + 10);
    ctx.stroke();
  }

  async function moveCursor(x: number, y: number): Promise<void> {
    if (!pca) return;
    cursor = [Math.max(0, Math.min(canvas.width, x)), Math.max(0, Math.min(canvas.height, y))];
    drawCursor();
    const [cx, cy] = cursor;
    const z = codeAt(pca, cx, cy);
    paintDigit(byId<HTMLCanvasElement>('latent-decoded'), await app.lab.decode(Float32Array.from(z), 1));
    const near = nearest(cx, cy);
    if (near >= 0) showNearest(near);
    const [p1 = 0, p2 = 0] = fromCanvas([cx, cy]);
    live.textContent = `cursor at PC1 ${p1.toFixed(2)}, PC2 ${p2.toFixed(2)}; nearest digit ${near >= 0 ? `${app.digits.labels[near]} (#${near})` : '–'}`;
    canvas.dataset.cursor = `${cx.toFixed(0)},${cy.toFixed(0)}`;
  }

  async function renderGrid(p: Pca): Promise<void> {
    const codes: number[] = [];
    for (let r = 0; r < GRID_CELLS; r++) {
      for (let c = 0; c < GRID_CELLS; c++) {
        codes.push(...codeAt(p, ((c + 0.5) * canvas.width) / GRID_CELLS, ((r + 0.5) * canvas.height) / GRID_CELLS));
      }
    }
    const n = GRID_CELLS * GRID_CELLS;
    const decoded = await app.lab.decode(Float32Array.from(codes), n);
    const side = Math.round(Math.sqrt(app.lab.inputSize));
    grid.width = grid.height = side * GRID_CELLS;
    const g = grid.getContext('2d')!;
    const cell = document.createElement('canvas');
    for (let i = 0; i < n; i++) {
      paintDigit(cell, row(decoded, i, app.lab.inputSize));
      g.drawImage(cell, (i % GRID_CELLS) * side, Math.floor(i / GRID_CELLS) * side);
    }
  }

  // --- sliders: one per code number ---
  let sliderCode = new Float32Array(0);
  async function decodeSliders(): Promise<void> {
    paintDigit(byId<HTMLCanvasElement>('latent-slider-output'), await app.lab.decode(sliderCode, 1));
  }

  function buildSliders(max: Float32Array): void {
    const k = max.length;
    if (sliders.childElementCount !== 3 * k) {
      sliderCode = new Float32Array(k);
      sliders.replaceChildren(
        ...Array.from({ length: k }, (_, j) => {
          const label = document.createElement('label');
          label.htmlFor = `latent-z${j + 1}`;
          label.textContent = `z${j + 1}`;
          const input = document.createElement('input');
          input.type = 'range';
          input.id = `latent-z${j + 1}`;
          input.min = '0';
          input.step = 'any';
          const out = document.createElement('output');
          out.htmlFor.add(input.id);
          input.addEventListener('input', () => {
            sliderCode[j] = Number(input.value);
            out.value = sliderCode[j]!.toFixed(2);
            void decodeSliders();
          });
          return [label, input, out];
        }).flat(),
      );
    }
    // room for codes a bit beyond the largest seen, where the decoder extrapolates
    sliders.querySelectorAll('input').forEach((input, j) => {
      input.max = String(Math.max(1, Math.ceil(max[j]! * 1.25)));
    });
  }

  async function slidersFromSelected(): Promise<void> {
    const { codes } = await app.lab.reconstruct(app.digits.toFloat32(app.selected, 1), 1);
    sliderCode = codes.slice();
    sliders.querySelectorAll('input').forEach((input, j) => {
      input.value = String(sliderCode[j]);
      const out = input.nextElementSibling as HTMLOutputElement;
      out.value = sliderCode[j]!.toFixed(2);
    });
    await decodeSliders();
  }

  async function render(): Promise<void> {
    const n = Math.min(LATENT_POINTS, app.digits.count);
    inputs = app.digits.toFloat32(0, n);
    const { codes } = await app.lab.reconstruct(inputs, n);
    const k = app.lab.codeSize;
    const p = fitPca(codes, n, k, 2);
    pca = p;
    const projected = Array.from({ length: n }, (_, i) => projectPca(p, codes.subarray(i * k, (i + 1) * k)));
    const xs = projected.map((q) => q[0]!);
    const ys = projected.map((q) => q[1]!);
    const [xMin, xMax, yMin, yMax] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = 16;
    const sx = (canvas.width - 2 * pad) / (xMax - xMin || 1);
    const sy = (canvas.height - 2 * pad) / (yMax - yMin || 1);
    toCanvas = ([x = 0, y = 0]) => [pad + (x - xMin) * sx, canvas.height - pad - (y - yMin) * sy];
    fromCanvas = ([cx = 0, cy = 0]) => [xMin + (cx - pad) / sx, yMin + (canvas.height - pad - cy) / sy];
    points = new Float64Array(n * 2);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.globalAlpha = 0.7;
    projected.forEach((q, i) => {
      const [cx, cy] = toCanvas(q);
      points[2 * i] = cx!;
      points[2 * i + 1] = cy!;
      ctx.fillStyle = DIGIT_COLOURS[app.digits.labels[i]!]!;
      ctx.beginPath();
      ctx.arc(cx!, cy!, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    base = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const [e1 = 0, e2 = 0] = p.explained;
    byId('latent-info').textContent =
      `${n} digits; the two axes hold ${((e1 + e2) * 100).toFixed(0)}% of the codes' variance (${(e1 * 100).toFixed(0)}% + ${(e2 * 100).toFixed(0)}%).`;

    const max = new Float32Array(k);
    for (let i = 0; i < codes.length; i++) max[i % k] = Math.max(max[i % k]!, codes[i]!);
    buildSliders(max);
    // previews from the previous model or data would be stale: redo them at the same cursor
    const [cx, cy] = cursor ?? [canvas.width / 2, canvas.height / 2];
    await Promise.all([moveCursor(cx, cy), renderGrid(p), slidersFromSelected()]);
  }

  function canvasPoint(e: MouseEvent): [number, number] {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  }

  canvas.addEventListener('mousemove', (e) => {
    const [x, y] = canvasPoint(e);
    const best = nearest(x, y, 12 ** 2);
    if (best >= 0) showNearest(best);
  });
  canvas.addEventListener('click', (e) => void moveCursor(...canvasPoint(e)));
  canvas.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 4 * KEY_STEP : KEY_STEP;
    const move: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = move[e.key];
    if (!d || !cursor) return;
    e.preventDefault();
    void moveCursor(cursor[0] + d[0], cursor[1] + d[1]);
  });
  byId('latent-from-selected').addEventListener('click', () => void slidersFromSelected());

  return { render, toCanvas: (p: number[]) => toCanvas(p) };
}
