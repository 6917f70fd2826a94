import type { App } from '../app';
import { fitPca, type Pca, projectPca, unprojectPca } from '../pca';
import { byId, DIGIT_COLOURS, paintDigit, row } from '../render';

export const LATENT_POINTS = 2000;

/** The codes of up to 2,000 digits, projected to 2-D by PCA; hover shows a digit, click decodes a point. */
export function latentSection(app: App) {
  const canvas = byId<HTMLCanvasElement>('latent-map');
  const ctx = canvas.getContext('2d')!;
  let points: Float64Array = new Float64Array(0); // canvas x, y per digit
  let pca: Pca | null = null;
  let toCanvas = (p: number[]) => p;
  let fromCanvas = (p: number[]) => p;
  let inputs: Float32Array = new Float32Array(0);

  byId('latent-legend').replaceChildren(
    ...DIGIT_COLOURS.map((c, d) => {
      const s = document.createElement('span');
      s.style.setProperty('--c', c);
      s.textContent = String(d);
      return s;
    }),
  );

  async function render(): Promise<void> {
    const n = Math.min(LATENT_POINTS, app.digits.count);
    inputs = app.digits.toFloat32(0, n);
    const { codes } = await app.lab.reconstruct(inputs, n);
    const k = app.lab.codeSize;
    pca = fitPca(codes, n, k, 2);
    const projected = Array.from({ length: n }, (_, i) => projectPca(pca!, codes.subarray(i * k, (i + 1) * k)));
    const xs = projected.map((p) => p[0]!);
    const ys = projected.map((p) => p[1]!);
    const [xMin, xMax, yMin, yMax] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = 16;
    const sx = (canvas.width - 2 * pad) / (xMax - xMin || 1);
    const sy = (canvas.height - 2 * pad) / (yMax - yMin || 1);
    toCanvas = ([x = 0, y = 0]) => [pad + (x - xMin) * sx, canvas.height - pad - (y - yMin) * sy];
    fromCanvas = ([cx = 0, cy = 0]) => [xMin + (cx - pad) / sx, yMin + (canvas.height - pad - cy) / sy];
    points = new Float64Array(n * 2);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.globalAlpha = 0.7;
    projected.forEach((p, i) => {
      const [cx, cy] = toCanvas(p);
      points[2 * i] = cx!;
      points[2 * i + 1] = cy!;
      ctx.fillStyle = DIGIT_COLOURS[app.digits.labels[i]!]!;
      ctx.beginPath();
      ctx.arc(cx!, cy!, 2.5, 0, 2 * Math.PI);
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    const [e1 = 0, e2 = 0] = pca.explained;
    byId('latent-info').textContent =
      `${n} digits; the two axes hold ${((e1 + e2) * 100).toFixed(0)}% of the codes' variance (${(e1 * 100).toFixed(0)}% + ${(e2 * 100).toFixed(0)}%).`;
  }

  function canvasPoint(e: MouseEvent): [number, number] {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  }

  canvas.addEventListener('mousemove', (e) => {
    const [x, y] = canvasPoint(e);
    let best = -1;
    let bestD = 12 ** 2;
    for (let i = 0; i < points.length / 2; i++) {
      const d = (points[2 * i]! - x) ** 2 + (points[2 * i + 1]! - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0) return;
    paintDigit(byId<HTMLCanvasElement>('latent-hover'), row(inputs, best, app.lab.inputSize));
    byId('latent-hover-label').textContent = `${app.digits.labels[best]} (#${best})`;
  });

  canvas.addEventListener('click', async (e) => {
    if (!pca) return;
    // the bottleneck is a ReLU, so the decoder only ever saw codes ≥ 0
    const z = unprojectPca(pca, fromCanvas(canvasPoint(e))).map((v) => Math.max(0, v));
    paintDigit(byId<HTMLCanvasElement>('latent-decoded'), await app.lab.decode(z, 1));
    const [cx, cy] = canvasPoint(e);
    ctx.strokeStyle = '#000';
    ctx.strokeRect(cx - 4, cy - 4, 8, 8);
  });

  return { render, toCanvas: (p: number[]) => toCanvas(p) };
}
