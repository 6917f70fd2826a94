import { linearAxisTicks, logAxisTicks } from './axis';
import { escapeXml, FONT } from './svg';

/** What the plot needs of an epoch (an `EpochRecord` from `@bottleneck/train` fits). */
export interface LossPoint {
  epoch: number;
  trainLoss: number;
  testMse: number | null;
  lr: number;
  lrReduced: boolean;
}

export interface LossPlotOptions {
  width?: number;
  height?: number;
  title?: string;
  /** What the losses are, for the vertical axis (default `MSE`). */
  yLabel?: string;
  /** The legend's name for the `testMse` series (default `test MSE`; `test loss` when it holds the model's own). */
  testLabel?: string;
}

/** A value a log axis can show: positive and finite (a diverged epoch's NaN is left out). */
const plottable = (v: number | null): v is number => v !== null && v > 0 && Number.isFinite(v);

/**
 * Train loss and test MSE per epoch on a log axis, with a dashed line where the learning rate
 * dropped. Returns an SVG document.
 */
export function lossPlotSvg(
  history: readonly LossPoint[],
  { width = 760, height = 440, title = 'Training loss', yLabel = 'MSE', testLabel = 'test MSE' }: LossPlotOptions = {},
): string {
  if (history.length === 0) throw new RangeError('lossPlotSvg: empty history');
  const m = { left: 78, right: 24, top: 44, bottom: 52 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  // a loop, not Math.min(...values): a spread of a million values overflows the stack
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const r of history) {
    for (const v of [r.trainLoss, r.testMse]) {
      if (plottable(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (hi === 0) throw new RangeError('lossPlotSvg: no positive finite loss values to plot on a log axis');
  // in log space, so that widening a range of denormals (5e-324) never rounds to 0
  let loLog = Math.log10(lo);
  let hiLog = Math.log10(hi);
  if (hiLog - loLog < Math.log10(1.5)) {
    loLog -= Math.log10(1.25);
    hiLog += Math.log10(1.25);
  }
  const ylo = loLog - 0.02 * (hiLog - loLog);
  const yhi = hiLog + 0.02 * (hiLog - loLog);
  for (const r of history) {
    if (!Number.isSafeInteger(r.epoch)) throw new RangeError(`lossPlotSvg: epoch ${r.epoch} is not a safe integer`);
  }
  const e0 = history[0]!.epoch;
  const e1 = Math.max(history.at(-1)!.epoch, e0 + 1);
  const X = (e: number) => m.left + ((e - e0) / (e1 - e0)) * pw;
  const Y = (v: number) => m.top + (1 - (Math.log10(v) - ylo) / (yhi - ylo)) * ph;
  const f = (n: number) => n.toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="17" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (const t of logAxisTicks(10 ** ylo, 10 ** yhi)) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${f(Y(t.value))}" y2="${f(Y(t.value))}" stroke="#e3e3e3"/>`);
    if (t.label) {
      out.push(`<text x="${m.left - 8}" y="${f(Y(t.value) + 4)}" text-anchor="end" font-size="12">${t.label}</text>`);
    }
  }
  // whole epochs at a round step, plus the first epoch
  const round = linearAxisTicks(e0, e1, 5, 'd').filter((t) => Number.isInteger(t.value));
  const step = round.length > 1 ? round[1]!.value - round[0]!.value : 1;
  const ticks = [e0, ...round.map((t) => t.value).filter((e) => e - e0 >= step / 2)];
  for (const e of ticks) {
    out.push(
      `<line x1="${f(X(e))}" x2="${f(X(e))}" y1="${m.top + ph}" y2="${m.top + ph + 5}" stroke="#333"/>`,
      `<text x="${f(X(e))}" y="${m.top + ph + 19}" text-anchor="middle" font-size="12">${e}</text>`,
    );
  }
  history.forEach((r, i) => {
    if (!r.lrReduced) return;
    const next = history[i + 1]?.lr;
    const label = typeof next === 'number' && Number.isFinite(next) ? `lr → ${next.toExponential(0)}` : 'lr ↓';
    const x = f(X(r.epoch));
    out.push(
      `<line x1="${x}" x2="${x}" y1="${m.top}" y2="${m.top + ph}" stroke="#c0392b" stroke-dasharray="5 4"/>`,
      `<text x="${f(X(r.epoch) + 4)}" y="${m.top + ph - 8}" font-size="12" fill="#c0392b">${label}</text>`,
    );
  });
  const series = (pick: (r: LossPoint) => number | null, colour: string) => {
    const pts = history.flatMap((r) => {
      const v = pick(r);
      return plottable(v) ? [`${f(X(r.epoch))},${f(Y(v))}`] : [];
    });
    if (pts.length === 0) return;
    out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    if (pts.length <= 60) {
      for (const p of pts) {
        const [cx, cy] = p.split(',');
        out.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${colour}"/>`);
      }
    }
  };
  series((r) => r.trainLoss, '#1f77b4');
  series((r) => r.testMse, '#ff7f0e');
  out.push(
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
    `<text x="${m.left + pw / 2}" y="${height - 12}" text-anchor="middle" font-size="13">epoch</text>`,
    `<text transform="translate(18 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13">${escapeXml(yLabel)} (log scale)</text>`,
  );
  // top right: losses fall, so that corner is empty
  const lx = m.left + pw - 150;
  const ly = m.top + 10;
  out.push(
    `<rect x="${lx}" y="${ly}" width="140" height="${history.some((r) => r.testMse !== null) ? 40 : 22}" fill="white" stroke="#bbb"/>`,
    `<line x1="${lx + 8}" x2="${lx + 30}" y1="${ly + 12}" y2="${ly + 12}" stroke="#1f77b4" stroke-width="2"/>`,
    `<text x="${lx + 36}" y="${ly + 16}" font-size="12">train loss</text>`,
  );
  if (history.some((r) => r.testMse !== null)) {
    out.push(
      `<line x1="${lx + 8}" x2="${lx + 30}" y1="${ly + 30}" y2="${ly + 30}" stroke="#ff7f0e" stroke-width="2"/>`,
      `<text x="${lx + 36}" y="${ly + 34}" font-size="12">${escapeXml(testLabel)}</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
