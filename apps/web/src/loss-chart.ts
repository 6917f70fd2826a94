import { type AxisTick, linearAxisTicks, logAxisTicks } from '@bottleneck/image';
import type { LossWords } from './loss-words';

export interface BatchLosses {
  /** Training loss of every batch so far, in order. */
  losses: number[];
  /** How many batches had run when each finished epoch ended. */
  epochEnds: number[];
  /** Test MSE at each epoch end (same order as `epochEnds`; null where none was measured). */
  testMse: (number | null)[];
  /** The model's loss in words: the chart's title and axis, and whether the test MSE shares it. */
  words: LossWords;
}

const esc = (n: number) => n.toFixed(1);
/** The held-out MSE's colour, dots and their own axis: the page's accent (AA for text on white). */
const TEST_COLOUR = '#c2410c';
/** Test MSE figures: the page's MSEs are shown to 4 decimals everywhere. */
const MSE_DECIMALS = 4;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const positive = (values: readonly (number | null)[]) =>
  values.filter((v): v is number => v !== null && v > 0 && Number.isFinite(v));

/** A log scale over `values` (a little room around them), or a default decade when there are none. */
function logRange(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0.01, 1];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? [lo / 1.5, hi * 1.5] : [lo / 1.05, hi * 1.05];
}

/**
 * An axis's ticks: the log axis's digits of each decade, or on a range within a factor of 3
 * (fine-tuning, one epoch's MSE; log and linear hardly differ there) about 5 round linear steps,
 * so it is not labelled at every digit.
 */
const axisTicks = (lo: number, hi: number): AxisTick[] =>
  hi / lo < 3 ? linearAxisTicks(lo, hi, 5) : logAxisTicks(lo, hi, 5);

/** `text` in lines of at most `chars` characters, broken between words. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The chart's title: the model's training loss, per batch. */
export const chartTitle = (words: LossWords) => `${capitalised(words.trainingLoss)} per batch`;

/**
 * The training loss per batch on a log scale, with a dashed line at each epoch's end and the test
 * MSE there as a dot: live from the first batch, and meaningful for a one-epoch run. The dots
 * share the loss's axis only when the loss is the MSE; otherwise they have their own on the right.
 */
export function batchLossSvg({ losses, epochEnds, testMse, words }: BatchLosses, width = 640, height = 300): string {
  const tests = positive(testMse);
  const ownAxis = !words.isTestMse && tests.length > 0;
  // at most 9 px per character of the 15 px title (bold in the page's style)
  const title = wrap(chartTitle(words), Math.floor((width - 72) / 9));
  const m = { left: 64, right: ownAxis ? 64 : 16, top: 14 + 18 * title.length, bottom: 48 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const [yLo, yHi] = logRange(positive(words.isTestMse ? [...losses, ...tests] : losses));
  const [tLo, tHi] = ownAxis ? logRange(tests) : [yLo, yHi];
  const n = Math.max(losses.length, 2);
  const x = (batch: number) => m.left + (batch / (n - 1)) * w;
  const logY = (lo: number, hi: number) => (v: number) =>
    m.top + (1 - (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * h;
  const y = logY(yLo, yHi);
  const yTest = logY(tLo, tHi);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<text class="title" x="${m.left}" y="18" font-size="15" fill="#222">${title.map((line, i) => `<tspan x="${m.left}" dy="${i === 0 ? 0 : 18}">${line}</tspan>`).join('')}</text>`,
    `<rect class="frame" x="${m.left}" y="${m.top}" width="${w}" height="${h}" fill="#fff" stroke="#bbb"/>`,
  ];
  for (const t of axisTicks(yLo, yHi)) {
    parts.push(
      `<line class="gridline" x1="${m.left}" x2="${m.left + w}" y1="${esc(y(t.value))}" y2="${esc(y(t.value))}" stroke="#eee"/>`,
    );
    if (t.label) {
      parts.push(`<text x="${m.left - 6}" y="${esc(y(t.value) + 4)}" text-anchor="end" fill="#333">${t.label}</text>`);
    }
  }
  if (ownAxis) {
    const right = m.left + w;
    for (const t of axisTicks(tLo, tHi)) {
      parts.push(
        `<line class="test-tick" x1="${right}" x2="${right + 4}" y1="${esc(yTest(t.value))}" y2="${esc(yTest(t.value))}" stroke="${TEST_COLOUR}"/>`,
      );
      if (t.label) {
        parts.push(
          `<text class="test-label" x="${right + 6}" y="${esc(yTest(t.value) + 4)}" text-anchor="start" fill="${TEST_COLOUR}">${t.label}</text>`,
        );
      }
    }
    parts.push(
      `<text class="test-axis" transform="translate(${width - 10} ${m.top + h / 2}) rotate(90)" text-anchor="middle" fill="${TEST_COLOUR}">held-out MSE (dots)</text>`,
    );
  }
  epochEnds.forEach((end, e) => {
    const ex = esc(x(end - 1));
    parts.push(
      `<line class="epoch" x1="${ex}" x2="${ex}" y1="${m.top}" y2="${m.top + h}" stroke="#888" stroke-dasharray="4 3"/>`,
      `<text x="${ex}" y="${m.top + 14}" text-anchor="end" font-size="11" fill="#333">${epochEnds.length > 12 ? ((e + 1) % 5 === 0 ? e + 1 : '') : `epoch ${e + 1}`}</text>`,
    );
    const t = testMse[e];
    if (t != null && t > 0 && Number.isFinite(t))
      parts.push(`<circle class="test" cx="${ex}" cy="${esc(yTest(t))}" r="4" fill="${TEST_COLOUR}"/>`);
  });
  const kept = losses.map((v, i) => [i, v] as const).filter(([, v]) => v > 0 && Number.isFinite(v));
  if (kept.length) {
    parts.push(
      `<polyline class="batches" fill="none" stroke="#1a56c4" stroke-width="1.5" points="${kept.map(([i, v]) => `${esc(x(i))},${esc(y(v))}`).join(' ')}"/>`,
    );
  }
  parts.push(
    `<text x="${m.left + w / 2}" y="${height - 10}" text-anchor="middle" fill="#333">batch (${losses.length} so far)</text>`,
    `<text class="loss-axis" transform="translate(16 ${m.top + h / 2}) rotate(-90)" text-anchor="middle" fill="#333">${words.axis}</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** The chart in words, for its text alternative: what is drawn, how far the loss went, the held-out MSE. */
export function batchLossSummary({ losses, epochEnds, testMse, words }: BatchLosses): string {
  const kept = positive(losses);
  const sentences = [`${chartTitle(words)}, on a log scale`];
  if (kept.length > 0) {
    const [first, last] = [kept[0]!, kept.at(-1)!].map((v) => v.toFixed(words.decimals));
    sentences[0] += `: ${losses.length} batch${losses.length === 1 ? '' : 'es'}, from ${first} to ${last}`;
  }
  const measured = testMse.flatMap((v, e) =>
    v !== null && Number.isFinite(v) && e < epochEnds.length ? [`${v.toFixed(MSE_DECIMALS)} after epoch ${e + 1}`] : [],
  );
  if (measured.length > 0) {
    const shown = measured.length > 2 ? [measured[0], measured.at(-1)] : measured;
    sentences.push(`Held-out MSE${words.isTestMse ? '' : ' (right axis)'}: ${shown.join(', ')}`);
  }
  return `${sentences.join('. ')}.`;
}

/** What the line and the dots are, for the hint under the chart. */
export function chartHint(words: LossWords): string {
  return words.isTestMse
    ? `Line: the ${words.trainingLoss} of each batch. Dots: the held-out MSE after each epoch, on the same axis. Both on a log scale.`
    : `Line: the ${words.trainingLoss} of each batch (left axis). Dots: the held-out MSE after each epoch (right axis), another measure in units of its own. Both on log scales.`;
}
