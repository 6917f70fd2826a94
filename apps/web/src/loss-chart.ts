import { logAxisTicks } from '@bottleneck/image';

export interface BatchLosses {
  /** Training loss of every batch so far, in order. */
  losses: number[];
  /** How many batches had run when each finished epoch ended. */
  epochEnds: number[];
  /** Test MSE at each epoch end (same order as `epochEnds`; null where none was measured). */
  testMse: (number | null)[];
}

const esc = (n: number) => n.toFixed(1);

/**
 * The training loss per batch on a log scale, with a dashed line at each epoch's end and the test
 * MSE there as a dot: live from the first batch, and meaningful for a one-epoch run.
 */
export function batchLossSvg({ losses, epochEnds, testMse }: BatchLosses, width = 640, height = 300): string {
  const m = { left: 64, right: 16, top: 32, bottom: 48 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const values = [...losses, ...testMse.filter((v): v is number => v !== null)].filter(
    (v) => v > 0 && Number.isFinite(v),
  );
  const lo = values.length ? Math.min(...values) : 0.01;
  const hi = values.length ? Math.max(...values) : 1;
  const [yLo, yHi] = lo === hi ? [lo / 1.5, hi * 1.5] : [lo / 1.05, hi * 1.05];
  const n = Math.max(losses.length, 2);
  const x = (batch: number) => m.left + (batch / (n - 1)) * w;
  const y = (v: number) => m.top + (1 - (Math.log(v) - Math.log(yLo)) / (Math.log(yHi) - Math.log(yLo))) * h;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<text class="title" x="${m.left}" y="18" font-size="15" fill="#222">Training loss (MSE) per batch</text>`,
    `<rect class="frame" x="${m.left}" y="${m.top}" width="${w}" height="${h}" fill="#fff" stroke="#bbb"/>`,
  ];
  // a narrow range (fine-tuning) is labelled at linear steps inside it, so it always has labels
  for (const t of logAxisTicks(yLo, yHi, 5)) {
    parts.push(
      `<line class="gridline" x1="${m.left}" x2="${m.left + w}" y1="${esc(y(t.value))}" y2="${esc(y(t.value))}" stroke="#eee"/>`,
    );
    if (t.label) {
      parts.push(`<text x="${m.left - 6}" y="${esc(y(t.value) + 4)}" text-anchor="end" fill="#333">${t.label}</text>`);
    }
  }
  epochEnds.forEach((end, e) => {
    const ex = esc(x(end - 1));
    parts.push(
      `<line class="epoch" x1="${ex}" x2="${ex}" y1="${m.top}" y2="${m.top + h}" stroke="#888" stroke-dasharray="4 3"/>`,
      `<text x="${ex}" y="${m.top + 14}" text-anchor="end" font-size="11" fill="#333">${epochEnds.length > 12 ? ((e + 1) % 5 === 0 ? e + 1 : '') : `epoch ${e + 1}`}</text>`,
    );
    const t = testMse[e];
    if (t != null && t > 0) parts.push(`<circle class="test" cx="${ex}" cy="${esc(y(t))}" r="4" fill="#e15759"/>`);
  });
  const kept = losses.map((v, i) => [i, v] as const).filter(([, v]) => v > 0 && Number.isFinite(v));
  if (kept.length) {
    parts.push(
      `<polyline class="batches" fill="none" stroke="#1a56c4" stroke-width="1.5" points="${kept.map(([i, v]) => `${esc(x(i))},${esc(y(v))}`).join(' ')}"/>`,
    );
  }
  parts.push(
    `<text x="${m.left + w / 2}" y="${height - 10}" text-anchor="middle" fill="#333">batch (${losses.length} so far)</text>`,
    `<text transform="translate(16 ${m.top + h / 2}) rotate(-90)" text-anchor="middle" fill="#333">MSE</text>`,
    '</svg>',
  );
  return parts.join('');
}
