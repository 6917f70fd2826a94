import { linearAxisTicks } from './axis';
import { type GrayImage, gridImage } from './gray-image';
import { encodePng } from './png';
import { escapeXml, pngDataUri, svgDocument } from './svg';

/** Tableau's ten categorical colours: distinct for the usual ten classes, also in grey print. */
export const CLASS_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

/** A class's colour; beyond ten classes the hues go round the circle. */
export function classColour(label: number, classes: number): string {
  if (classes <= CLASS_COLOURS.length) return CLASS_COLOURS[label % CLASS_COLOURS.length]!;
  return `hsl(${Math.round((360 * label) / classes)}, 65%, 45%)`;
}

export interface LatentFigureInput {
  /** x, y of each point, interleaved (2·n values). */
  points: ArrayLike<number>;
  /** Each point's class, an integer in [0, classNames.length). */
  labels: ArrayLike<number>;
  classNames: readonly string[];
  /** Names of the plane's two axes, e.g. `PC1 (31% of the variance)` or `z1`. */
  axes: readonly [string, string];
  /**
   * Decoded images on a `columns`-wide grid over the rectangle `x` × `y` of the plane: row 0 at
   * the top (largest y), column 0 at the left (smallest x), cell centres at equal steps.
   */
  grid: { images: readonly GrayImage[]; columns: number; x: readonly [number, number]; y: readonly [number, number] };
  title: string;
  subtitle?: string;
}

/**
 * A latent-space figure: the points coloured by class on the left (with the grid's rectangle
 * dashed), and on the right the images decoded at a grid of points over that rectangle, so the
 * two panels read as a map and what each place on it looks like.
 */
export function latentFigureSvg(input: LatentFigureInput): string {
  const { points, labels, classNames, axes, grid, title, subtitle } = input;
  const n = labels.length;
  if (points.length !== 2 * n) throw new RangeError(`latentFigureSvg: ${points.length} coordinates for ${n} points`);
  if (grid.images.length === 0 || grid.images.length % grid.columns !== 0) {
    throw new RangeError(`latentFigureSvg: ${grid.images.length} grid images do not fill ${grid.columns} columns`);
  }
  const strip = gridImage(grid.images, { columns: grid.columns, scale: 2, padding: 1, background: 255 });
  const size = strip.height;
  const top = subtitle ? 56 : 38;
  const left = 56;
  // the scatter's range: every point and the whole grid rectangle
  let [x0, x1, y0, y1] = [grid.x[0], grid.x[1], grid.y[0], grid.y[1]];
  for (let i = 0; i < n; i++) {
    const [x, y] = [points[2 * i]!, points[2 * i + 1]!];
    if (Number.isFinite(x) && Number.isFinite(y)) {
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const pad = (hi: number, lo: number) => (hi - lo) * 0.03 || 1;
  [x0, x1] = [x0 - pad(x1, x0), x1 + pad(x1, x0)];
  [y0, y1] = [y0 - pad(y1, y0), y1 + pad(y1, y0)];
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * size;
  const py = (y: number) => top + (1 - (y - y0) / (y1 - y0)) * size;
  const parts: string[] = [];
  parts.push(`<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="none" stroke="#999"/>`);
  for (const t of linearAxisTicks(x0, x1)) {
    parts.push(
      `<text x="${px(t.value).toFixed(1)}" y="${top + size + 14}" text-anchor="middle" font-size="10" fill="#444">${t.label}</text>`,
    );
  }
  for (const t of linearAxisTicks(y0, y1)) {
    parts.push(
      `<text x="${left - 4}" y="${(py(t.value) + 3).toFixed(1)}" text-anchor="end" font-size="10" fill="#444">${t.label}</text>`,
    );
  }
  parts.push(
    `<text x="${left + size / 2}" y="${top + size + 30}" text-anchor="middle" font-size="12">${escapeXml(axes[0])}</text>`,
    `<text transform="translate(${left - 40} ${top + size / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(axes[1])}</text>`,
  );
  // one group per class, so a class's points share one fill attribute
  const byClass: string[][] = classNames.map(() => []);
  for (let i = 0; i < n; i++) {
    const [x, y] = [points[2 * i]!, points[2 * i + 1]!];
    const label = labels[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !byClass[label]) continue;
    byClass[label].push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="1.6"/>`);
  }
  byClass.forEach((circles, label) => {
    parts.push(`<g fill="${classColour(label, classNames.length)}" fill-opacity="0.55">${circles.join('')}</g>`);
  });
  parts.push(
    `<rect x="${px(grid.x[0]).toFixed(1)}" y="${py(grid.y[1]).toFixed(1)}" width="${(px(grid.x[1]) - px(grid.x[0])).toFixed(1)}" ` +
      `height="${(py(grid.y[0]) - py(grid.y[1])).toFixed(1)}" fill="none" stroke="#333" stroke-dasharray="4 3"/>`,
  );
  // the legend, right of the scatter
  const legendX = left + size + 12;
  classNames.forEach((name, label) => {
    const y = top + 8 + label * 17;
    parts.push(
      `<circle cx="${legendX + 5}" cy="${y}" r="5" fill="${classColour(label, classNames.length)}"/>`,
      `<text x="${legendX + 14}" y="${y + 4}" font-size="12">${escapeXml(name)}</text>`,
    );
  });
  const legendWidth = 24 + 7 * Math.max(...classNames.map((c) => c.length), 1);
  const gridX = legendX + legendWidth + 12;
  parts.push(
    `<image x="${gridX}" y="${top}" width="${strip.width}" height="${strip.height}" href="${pngDataUri(encodePng(strip))}"/>`,
    `<text x="${gridX + strip.width / 2}" y="${top + size + 30}" text-anchor="middle" font-size="12">decoded over the dashed rectangle</text>`,
  );
  const width = Math.ceil(gridX + strip.width + 12);
  return svgDocument(width, top + size + 42, parts, title, subtitle);
}
