import { layerShapes, type ModelSpec } from '@bottleneck/graph';

const WIDTH = 560;
const TALLEST = 180;
const MID = 108;
const BAR = 16;
/** Thinner layers stay visible as a hairline: the code of 8 is ~2 px beside 784's 180. */
const MIN_BAR_HEIGHT = 1.5;

const f = (n: number) => n.toFixed(1);

/** One bar of the diagram: a layer's output (or the input), its values and how it is drawn. */
interface Bar {
  size: number;
  /** `16×14×14` for a feature map, the width for a vector. */
  label: string;
  conv: boolean;
}

/**
 * The bars of `spec`: its input, then each layer that computes something (a reshape or an
 * activity penalty passes its input on unchanged, so it adds no bar); `code` is the code's bar.
 */
export function networkBars(spec: ModelSpec): { bars: Bar[]; code: number } {
  const shapes = layerShapes(spec);
  const bar = (shape: number[], conv: boolean): Bar => ({
    size: shape.reduce((a, b) => a * b, 1),
    label: shape.map((d) => d.toLocaleString('en')).join('×'),
    conv,
  });
  const bars = [bar(shapes[0]!, false)];
  let code = 0;
  spec.layers.forEach((layer, i) => {
    if (layer.kind !== 'reshape' && layer.kind !== 'l1-activity') {
      bars.push(bar(shapes[i + 1]!, layer.kind === 'conv2d' || layer.kind === 'conv-transpose2d'));
    }
    if (i + 1 === spec.encoderLayers) code = bars.length - 1;
  });
  return { bars, code };
}

/**
 * The network as an SVG: one bar per layer, its height proportional to its number of values
 * (784 → 392 → 8 → 392 → 784 for the lab's model; a convolution's feature maps as C×H×W, drawn
 * as stacked maps), the code layer in the accent colour, and a magnified callout of its cells,
 * each lit by `code[j] / max` (all dim without a code).
 */
export function networkSvg(spec: ModelSpec, code: ArrayLike<number> | null = null, max = 1): string {
  const { bars, code: codeBar } = networkBars(spec);
  const sizes = bars.map((b) => b.size);
  const biggest = Math.max(...sizes);
  const xs = sizes.map((_, i) => 40 + (i * (WIDTH - 80 - BAR)) / (sizes.length - 1));
  const hs = sizes.map((s) => Math.max(MIN_BAR_HEIGHT, (s / biggest) * TALLEST));
  const k = sizes[codeBar]!;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -14 ${WIDTH} 280" aria-hidden="true">`];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const [x0, x1, h0, h1] = [xs[i]! + BAR, xs[i + 1]!, hs[i]!, hs[i + 1]!];
    parts.push(
      `<polygon class="net-link" points="${f(x0)},${f(MID - h0 / 2)} ${f(x1)},${f(MID - h1 / 2)} ${f(x1)},${f(MID + h1 / 2)} ${f(x0)},${f(MID + h0 / 2)}"/>`,
    );
  }
  bars.forEach((b, i) => {
    const isCode = i === codeBar;
    const kind = isCode ? 'net-code' : b.conv ? 'net-layer net-conv' : 'net-layer';
    // a feature map: a second outline behind the bar, offset, reads as a stack of maps
    if (b.conv) {
      parts.push(
        `<rect class="net-layer net-conv-back" x="${f(xs[i]! + 4)}" y="${f(MID - hs[i]! / 2 - 4)}" width="${BAR}" height="${f(hs[i]!)}" rx="2"/>`,
      );
    }
    parts.push(
      `<rect class="${kind}" data-size="${b.size}" data-label="${b.label}" x="${f(xs[i]!)}" y="${f(MID - hs[i]! / 2)}" width="${BAR}" height="${f(hs[i]!)}" rx="2"/>`,
      `<text class="net-text${isCode ? ' strong' : ''}" x="${f(xs[i]! + BAR / 2)}" y="${f(MID + TALLEST / 2 + 18)}" text-anchor="middle">${b.label}</text>`,
    );
  });
  const half = (a: number, b: number) => (xs[a]! + xs[b]! + BAR) / 2;
  parts.push(
    `<text class="net-text" x="${f(half(0, codeBar))}" y="12" text-anchor="middle">encoder</text>`,
    `<text class="net-text" x="${f(half(codeBar, sizes.length - 1))}" y="12" text-anchor="middle">decoder</text>`,
  );
  // the callout: the code's cells, magnified, under the bottleneck
  const cell = Math.min(26, 320 / k);
  const cx = xs[codeBar]! + BAR / 2;
  const top = MID + TALLEST / 2 + 34;
  const left = cx - (k * cell) / 2;
  parts.push(
    `<line class="net-callout" x1="${f(cx)}" y1="${f(MID + hs[codeBar]! / 2 + 2)}" x2="${f(cx)}" y2="${f(MID + TALLEST / 2 + 4)}"/>`,
    `<line class="net-callout" x1="${f(cx)}" y1="${f(MID + TALLEST / 2 + 24)}" x2="${f(cx)}" y2="${f(top)}"/>`,
  );
  for (let j = 0; j < k; j++) {
    const v = code ? Math.max(0, Math.min(1, (code[j] ?? 0) / (max || 1))) : 0;
    const x = f(left + j * cell + 1);
    const w = f(cell - 2);
    parts.push(
      `<rect class="net-cell-bg" x="${x}" y="${f(top)}" width="${w}" height="${w}" rx="3"/>`,
      `<rect class="net-cell" data-value="${code ? (code[j] ?? 0).toFixed(3) : ''}" x="${x}" y="${f(top)}" width="${w}" height="${w}" rx="3" fill-opacity="${v.toFixed(3)}" stroke-opacity="${v > 0 ? 1 : 0}"/>`,
    );
  }
  parts.push(
    `<text class="net-text strong net-code-label" x="${f(left + k * cell + 8)}" y="${f(top + cell / 2 + 4)}">the code: ${k} numbers</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** The model in one line: `784 → 392 → 8 → 392 → 784`, feature maps as C×H×W. */
export function describeSpec(spec: ModelSpec): string {
  return networkBars(spec)
    .bars.map((b) => b.label)
    .join(' → ');
}
