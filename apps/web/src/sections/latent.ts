import { fitPca, type Pca, projectPca, unprojectPca } from '@bottleneck/image';
import type { App } from '../app';
import { codeAtSpot, deadUnits, spotOfCode } from '../code-space';
import { umapEmbedder } from '../embedding';
import { scalingOf } from '../code-scaling';
import { byId, context2d, DIGIT_COLOURS, paintDigit, row, token } from '../render';
import { MAP_SETTINGS } from '../umap-settings';
import { inPieces, yieldToPage } from '../yield-to-page';

export const LATENT_POINTS = 2000;
/** Above this many code numbers the sliders take two columns on a wide screen. */
const MANY_SLIDERS = 12;
/** Cells per side of the decoded grid over the map's plane. */
export const GRID_CELLS = 10;
/** Canvas pixels an arrow key moves the cursor (Shift: four times as far). */
const KEY_STEP = 8;
/** A click this close (canvas pixels) to a dot selects that digit. */
const PICK_RADIUS = 10;
/** Room for the axes (canvas pixels at full size): left, right, top, bottom. */
const MARGIN_AT_FULL_SIZE = { left: 44, right: 14, top: 14, bottom: 40 };

type Mode = 'umap' | 'pca';

/** The codes of the map's digits: the drawing's nearest digit is looked up among them. */
export interface CodeBook {
  codes: Float32Array;
  k: number;
  n: number;
}

/**
 * The latent space: up to 2,000 codes mapped to 2-D by UMAP (in a worker, seeded, cached) or PCA,
 * with axes, an on-map legend, the selected and drawn digits marked, a cursor that is decoded as
 * it moves, the decoder's output on a grid over the map, and one slider per code number.
 */
export function latentSection(app: App) {
  const canvas = byId<HTMLCanvasElement>('latent-map');
  // read back (getImageData) at every redraw of its marks: a CPU canvas, not a GPU one to read back from
  const ctx = context2d(canvas);
  const grid = byId<HTMLCanvasElement>('latent-grid');
  const sliders = byId('latent-sliders');
  const live = byId('latent-live');
  const progress = byId('latent-progress');
  const knnEl = byId('latent-knn');
  const embedder = umapEmbedder(0);
  let mode: Mode = 'umap';
  let n = 0;
  let k = 0;
  let codes: Float32Array = new Float32Array(0);
  let inputs: Float32Array = new Float32Array(0);
  /** The data `inputs` came from: after a training epoch only the model changed, not they. */
  let inputsOf: unknown = null;
  let pca: Pca | null = null;
  let pcaRaw = new Float64Array(0);
  let umapRaw: Float64Array | null = null;
  let knn: { umap: number | null; pca: number | null; codes: number | null } = { umap: null, pca: null, codes: null };
  let points = new Float64Array(0); // canvas x, y per digit, of the map shown
  let toCanvas = (x: number, y: number): [number, number] => [x, y];
  let fromCanvas = (cx: number, cy: number): [number, number] => [cx, cy];
  let base: ImageData | null = null;
  let cursor: [number, number] | null = null;
  let drawn: Float32Array | null = null;
  let dead: number[] = [];
  // the map's text stays readable where CSS shrinks the canvas (phones): sizes grow by this much
  let ui = 1;
  let margin = MARGIN_AT_FULL_SIZE;

  byId('latent-legend').replaceChildren(
    ...DIGIT_COLOURS.map((c, d) => {
      const s = document.createElement('span');
      s.setAttribute('role', 'listitem');
      s.style.setProperty('--c', c);
      s.textContent = String(d);
      return s;
    }),
  );

  const shown = (): Mode => (mode === 'umap' && umapRaw ? 'umap' : 'pca');

  /** A code at a canvas spot: PCA inverts exactly; UMAP has no inverse, so nearby codes are blended. */
  function codeAt(cx: number, cy: number): Float32Array {
    if (shown() === 'pca' && pca)
      return Float32Array.from(unprojectPca(pca, fromCanvas(cx, cy)), (v) => Math.max(0, v));
    return codeAtSpot(points, codes, k, cx, cy);
  }

  /** The canvas spot of any code (the selected digit may be beyond the map's 2,000, or drawn). */
  function spotOf(z: ArrayLike<number>): [number, number] {
    if (shown() === 'pca' && pca) {
      const [x = 0, y = 0] = projectPca(pca, z);
      return toCanvas(x, y);
    }
    return spotOfCode(points, codes, k, z);
  }

  function nearest(x: number, y: number, within = Number.POSITIVE_INFINITY): number {
    let best = -1;
    let bestD = within;
    for (let i = 0; i < n; i++) {
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

  // --- drawing: dots and axes once into `base`, markers over it on every change ---
  function drawBase(): void {
    const { width: w, height: h } = canvas;
    ctx.fillStyle = token('--surface');
    ctx.fillRect(0, 0, w, h);
    const [x0, y0, x1, y1] = [margin.left, margin.top, w - margin.right, h - margin.bottom];
    const muted = token('--text-muted');
    ctx.strokeStyle = token('--border');
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0, y1 - y0);
    ctx.fillStyle = muted;
    ctx.font = `${Math.round(13 * ui)}px system-ui, sans-serif`;
    const isPca = shown() === 'pca';
    const [e1 = 0, e2 = 0] = pca?.explained ?? [];
    const xLabel = isPca ? `PC1 (${(e1 * 100).toFixed(0)}% of variance)` : 'UMAP 1';
    const yLabel = isPca ? `PC2 (${(e2 * 100).toFixed(0)}% of variance)` : 'UMAP 2';
    ctx.textAlign = 'center';
    ctx.fillText(xLabel, (x0 + x1) / 2, h - 10 * ui);
    ctx.save();
    ctx.translate(14 * ui, (y0 + y1) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(yLabel, 0, 0);
    ctx.restore();
    if (isPca) {
      // ticks in PCA units: the plane's coordinates mean something there
      ctx.font = `${Math.round(11 * ui)}px system-ui, sans-serif`;
      for (const t of [0, 0.5, 1]) {
        const [px] = fromCanvas(x0 + t * (x1 - x0), y1);
        const [, py] = fromCanvas(x0, y1 - t * (y1 - y0));
        ctx.textAlign = 'center';
        ctx.fillText(px.toFixed(1), x0 + t * (x1 - x0), y1 + 14 * ui);
        ctx.textAlign = 'right';
        ctx.fillText(py.toFixed(1), x0 - 4, y1 - t * (y1 - y0) + 4);
      }
    }
    ctx.globalAlpha = 0.75;
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = DIGIT_COLOURS[app.digits.labels[i]!]!;
      ctx.beginPath();
      ctx.arc(points[2 * i]!, points[2 * i + 1]!, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    base = ctx.getImageData(0, 0, w, h);
  }

  /** The markers: the map is redrawn from its cached dots each time, so they never pile up. */
  function drawMarks(): void {
    if (!base) return;
    ctx.putImageData(base, 0, 0);
    const text = token('--text');
    const accent = token('--accent');
    const selected = spotOfSelected();
    if (selected) {
      const [sx, sy] = selected;
      ctx.lineWidth = 3;
      ctx.strokeStyle = accent;
      ctx.beginPath();
      ctx.arc(sx, sy, 9, 0, 2 * Math.PI);
      ctx.stroke();
      canvas.dataset.selected = `${sx.toFixed(0)},${sy.toFixed(0)}`;
    }
    if (drawn) {
      const [dx, dy] = spotOf(drawn);
      ctx.fillStyle = accent;
      ctx.strokeStyle = text;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      for (let i = 0; i < 10; i++) {
        const r = i % 2 ? 5 : 12;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        ctx.lineTo(dx + r * Math.cos(a), dy + r * Math.sin(a));
      }
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      canvas.dataset.drawn = `${dx.toFixed(0)},${dy.toFixed(0)}`;
    }
    if (cursor) {
      const [cx, cy] = cursor;
      ctx.lineWidth = 2;
      ctx.strokeStyle = text;
      ctx.strokeRect(cx - 6, cy - 6, 12, 12);
      ctx.beginPath();
      ctx.moveTo(cx - 10, cy);
      ctx.lineTo(cx + 10, cy);
      ctx.moveTo(cx, cy - 10);
      ctx.lineTo(cx, cy + 10);
      ctx.stroke();
    }
  }

  let selectedCode: Float32Array | null = null;
  function spotOfSelected(): [number, number] | null {
    if (app.selected < n) return [points[2 * app.selected]!, points[2 * app.selected + 1]!];
    return selectedCode ? spotOf(selectedCode) : null;
  }

  async function moveCursor(x: number, y: number): Promise<void> {
    if (!n) return;
    cursor = [Math.max(0, Math.min(canvas.width, x)), Math.max(0, Math.min(canvas.height, y))];
    drawMarks();
    const [cx, cy] = cursor;
    paintDigit(byId<HTMLCanvasElement>('latent-decoded'), await app.lab.decode(codeAt(cx, cy), 1));
    const near = nearest(cx, cy);
    if (near >= 0) showNearest(near);
    const [p1, p2] = fromCanvas(cx, cy);
    const [a, b] = shown() === 'pca' ? ['PC1', 'PC2'] : ['UMAP 1', 'UMAP 2'];
    live.textContent = `cursor at ${a} ${p1.toFixed(2)}, ${b} ${p2.toFixed(2)}; nearest digit ${near >= 0 ? `${app.digits.labels[near]} (#${near})` : '–'}`;
    canvas.dataset.cursor = `${cx.toFixed(0)},${cy.toFixed(0)}`;
  }

  async function renderGrid(): Promise<void> {
    const { width: w, height: h } = canvas;
    const cw = (w - margin.left - margin.right) / GRID_CELLS;
    const ch = (h - margin.top - margin.bottom) / GRID_CELLS;
    const cells = GRID_CELLS * GRID_CELLS;
    const z = new Float32Array(cells * k);
    for (let r = 0; r < GRID_CELLS; r++) {
      for (let c = 0; c < GRID_CELLS; c++) {
        z.set(codeAt(margin.left + (c + 0.5) * cw, margin.top + (r + 0.5) * ch), (r * GRID_CELLS + c) * k);
      }
    }
    const decoded = await app.lab.decode(z, cells);
    const side = Math.round(Math.sqrt(app.lab.inputSize));
    grid.width = grid.height = side * GRID_CELLS;
    const g = context2d(grid);
    const cell = document.createElement('canvas');
    await inPieces(
      cells,
      (start, count) => {
        for (let i = start; i < start + count; i++) {
          paintDigit(cell, row(decoded, i, app.lab.inputSize));
          g.drawImage(cell, (i % GRID_CELLS) * side, Math.floor(i / GRID_CELLS) * side);
        }
      },
      GRID_CELLS * 2,
    );
  }

  /** Fits the raw 2-d points (PCA or UMAP) into the plot area and redraws everything on it. */
  async function layout(): Promise<void> {
    const raw = shown() === 'umap' && umapRaw ? umapRaw : pcaRaw;
    ui = Math.min(2, Math.max(1, canvas.width / (canvas.clientWidth || canvas.width)));
    margin = Object.fromEntries(
      Object.entries(MARGIN_AT_FULL_SIZE).map(([side, v]) => [side, Math.round(v * (side === 'right' ? 1 : ui))]),
    ) as typeof MARGIN_AT_FULL_SIZE;
    let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      xMin = Math.min(xMin, raw[2 * i]!);
      xMax = Math.max(xMax, raw[2 * i]!);
      yMin = Math.min(yMin, raw[2 * i + 1]!);
      yMax = Math.max(yMax, raw[2 * i + 1]!);
    }
    const pad = 8;
    const [x0, y1] = [margin.left + pad, canvas.height - margin.bottom - pad];
    const sx = (canvas.width - margin.right - pad - x0) / (xMax - xMin || 1);
    const sy = (y1 - margin.top - pad) / (yMax - yMin || 1);
    toCanvas = (x, y) => [x0 + (x - xMin) * sx, y1 - (y - yMin) * sy];
    fromCanvas = (cx, cy) => [xMin + (cx - x0) / sx, yMin + (y1 - cy) / sy];
    points = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const [cx, cy] = toCanvas(raw[2 * i]!, raw[2 * i + 1]!);
      points[2 * i] = cx;
      points[2 * i + 1] = cy;
    }
    canvas.dataset.mode = shown();
    drawBase();
    showScores();
    await yieldToPage();
    const [cx, cy] = cursor ?? [canvas.width / 2, canvas.height / 2];
    await Promise.all([moveCursor(cx, cy), renderGrid()]);
  }

  /** How the map compares codes: the worker's rule for these codes (`scalingOf`). */
  function distanceText(): string {
    const scaling = scalingOf(codes, MAP_SETTINGS.scaling);
    if (scaling === 'unit-length') return 'cosine distance';
    if (scaling === 'standardised') return 'each code number standardised';
    return 'Euclidean distance';
  }

  function showScores(): void {
    const fmt = (v: number | null) => (v === null ? '…' : v.toFixed(2));
    knnEl.textContent = `Do neighbours share a label? Of each digit's 10 nearest, this share does — UMAP map ${fmt(knn.umap)}, PCA map ${fmt(knn.pca)}; in the ${app.lab.codeSize}-d codes themselves ${fmt(knn.codes)}.`;
    // scores of another model's map never stay behind while this one's are computed
    for (const [key, v] of Object.entries(knn)) {
      if (v === null) delete knnEl.dataset[key];
      else knnEl.dataset[key] = String(v);
    }
    knnEl.dataset.codeSize = String(k);
    const info = byId('latent-info');
    const [e1 = 0, e2 = 0] = pca?.explained ?? [];
    info.textContent =
      shown() === 'pca'
        ? `${n} digits. PCA's two axes hold ${((e1 + e2) * 100).toFixed(0)}% of the codes' variance: digits that differ along the other directions overlap here.`
        : `${n} digits. UMAP (${distanceText()}, seeded) keeps each code's nearest neighbours near it; the axes have no units. Any spot between dots decodes as a blend of the codes nearest to it.`;
  }

  // --- sliders: one per code number ---
  let sliderCode = new Float32Array(0);
  async function decodeSliders(): Promise<void> {
    paintDigit(byId<HTMLCanvasElement>('latent-slider-output'), await app.lab.decode(sliderCode, 1));
  }

  function buildSliders(min: Float32Array, max: Float32Array): void {
    if (sliders.childElementCount !== 3 * k) {
      sliderCode = new Float32Array(k);
      // a long code (the deep and sparse models' 32) takes two columns where there is room
      sliders.classList.toggle('many', k > MANY_SLIDERS);
      sliders.replaceChildren(
        ...Array.from({ length: k }, (_, j) => {
          const label = document.createElement('label');
          label.htmlFor = `latent-z${j + 1}`;
          label.textContent = `z${j + 1}`;
          const input = document.createElement('input');
          input.type = 'range';
          input.id = `latent-z${j + 1}`;
          input.step = 'any';
          input.setAttribute('aria-label', `code number ${j + 1} of ${k} (z${j + 1})`);
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
    // room for codes a bit beyond the largest seen, where the decoder extrapolates (a ReLU code
    // starts at 0; a linear one, as a VAE's μ or a conv model's, also runs negative)
    sliders.querySelectorAll('input').forEach((input, j) => {
      input.min = String(Math.min(0, Math.floor(min[j]! * 1.25)));
      input.max = String(Math.max(1, Math.ceil(max[j]! * 1.25)));
      const isDead = dead.includes(j);
      input.previousElementSibling?.classList.toggle('dead', isDead);
      input.setAttribute(
        'aria-label',
        `code number ${j + 1} of ${k} (z${j + 1})${isDead ? ', dead: 0 for every digit' : ''}`,
      );
    });
    const note = byId('latent-dead');
    note.hidden = dead.length === 0;
    const names = dead.map((j) => `z${j + 1}`).join(', ');
    const many = dead.length > 1;
    note.textContent = dead.length
      ? `${names} ${many ? 'are' : 'is'} 0 for every one of these ${n} digits: ${many ? 'dead units' : 'a dead unit'}. The code layer is a ReLU, and its input there is negative for every digit, so it never passes anything on and the decoder learned to ignore it. In effect this model has ${k - dead.length} code numbers, not ${k}. ${many ? 'Their sliders run' : 'Its slider runs'} 0–1 and barely change${many ? '' : 's'} the output.`
      : '';
    note.dataset.dead = names;
  }

  async function slidersFromSelected(): Promise<void> {
    const { codes: z } = await app.lab.reconstruct(app.digits.toFloat32(app.selected, 1), 1);
    selectedCode = z.slice();
    sliderCode = z.slice();
    sliders.querySelectorAll('input').forEach((input, j) => {
      input.value = String(sliderCode[j]);
      const out = input.nextElementSibling as HTMLOutputElement;
      out.value = sliderCode[j]!.toFixed(2);
    });
    await decodeSliders();
  }

  let requested = 0;
  async function requestUmap(): Promise<void> {
    const ticket = ++requested;
    progress.textContent = 'UMAP: starting…';
    try {
      const result = await embedder.embed(codes, n, k, app.digits.labels, pcaRaw, {
        pcaScore: (v, inCodes) => {
          if (ticket !== requested) return;
          knn = { ...knn, pca: v, codes: inCodes };
          showScores();
        },
        progress: (done, total) => {
          if (ticket === requested) progress.textContent = `UMAP: ${Math.round((100 * done) / total)}%`;
        },
      });
      if (!result || ticket !== requested) return;
      umapRaw = result.points;
      knn = { ...knn, umap: result.knn };
      progress.textContent = '';
      if (mode === 'umap') await layout();
      else showScores();
    } catch (error) {
      progress.textContent = `UMAP failed (${(error as Error).message}): showing PCA`;
    }
  }

  async function render(): Promise<void> {
    // a map still coming for the previous codes (model or data) is not shown over these
    requested++;
    n = Math.min(LATENT_POINTS, app.digits.count);
    k = app.lab.codeSize;
    if (inputsOf !== app.digits || inputs.length !== n * app.lab.inputSize) {
      inputs = app.digits.toFloat32(0, n);
      inputsOf = app.digits;
    }
    codes = await app.lab.encode(inputs, n);
    await yieldToPage();
    pca = fitPca(codes, n, k, 2);
    pcaRaw = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const [x = 0, y = 0] = projectPca(pca, codes.subarray(i * k, (i + 1) * k));
      pcaRaw[2 * i] = x;
      pcaRaw[2 * i + 1] = y;
    }
    umapRaw = null;
    knn = { umap: null, pca: null, codes: null };
    dead = deadUnits(codes, k);
    const [min, max] = [new Float32Array(k), new Float32Array(k)];
    for (let i = 0; i < codes.length; i++) {
      min[i % k] = Math.min(min[i % k]!, codes[i]!);
      max[i % k] = Math.max(max[i % k]!, codes[i]!);
    }
    buildSliders(min, max);
    await slidersFromSelected();
    await layout();
    // the UMAP map follows in the background once the page is idle (start-up first); PCA until then
    const later = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    later(() => void requestUmap(), { timeout: 2000 });
  }

  function setMode(next: Mode): void {
    mode = next;
    byId('latent-umap').setAttribute('aria-pressed', String(next === 'umap'));
    byId('latent-pca').setAttribute('aria-pressed', String(next === 'pca'));
    if (n) void layout();
  }
  byId('latent-umap').addEventListener('click', () => setMode('umap'));
  byId('latent-pca').addEventListener('click', () => setMode('pca'));

  function canvasPoint(e: MouseEvent): [number, number] {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  }

  canvas.addEventListener('mousemove', (e) => {
    const [x, y] = canvasPoint(e);
    const best = nearest(x, y, 12 ** 2);
    if (best >= 0) showNearest(best);
  });
  canvas.addEventListener('click', (e) => {
    const [x, y] = canvasPoint(e);
    void moveCursor(x, y);
    // on a dot: that digit becomes the selection everywhere
    const hit = nearest(x, y, PICK_RADIUS ** 2);
    if (hit >= 0) void app.select(hit);
  });
  canvas.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && cursor) {
      e.preventDefault();
      const hit = nearest(cursor[0], cursor[1]);
      if (hit >= 0) void app.select(hit);
      return;
    }
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

  return {
    render,
    /** The selection changed elsewhere: move its ring, and start the sliders from its code. */
    async selected(): Promise<void> {
      if (!n) return;
      await slidersFromSelected();
      drawMarks();
    },
    /** A drawn digit's code (null: the pad is empty), marked on the map with a star. */
    showDrawn(z: Float32Array | null): void {
      drawn = z;
      if (!z) delete canvas.dataset.drawn;
      drawMarks();
    },
    codeBook: (): CodeBook | null => (n ? { codes, k, n } : null),
  };
}
