import type { GrayImage } from './gray-image';
import { gridImage } from './gray-image';
import { encodePng } from './png';

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function pngDataUri(png: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < png.length; i += 0x8000) {
    binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  }
  return `data:image/png;base64,${btoa(binary)}`;
}

export const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';

export interface FigureRow {
  /** Shown left of the row. */
  label: string;
  images: readonly GrayImage[];
  /** One short caption under each image (e.g. a PSNR or a step). */
  captions?: readonly string[];
}

export interface FigureOptions {
  title?: string;
  /** A smaller line under the title. */
  subtitle?: string;
  /** Nearest-neighbour upscaling of each digit. */
  scale?: number;
  /** Gap between digits, in output pixels. */
  gap?: number;
}

/**
 * A figure of labelled rows of images with optional captions, as SVG. Each row's digits are one
 * embedded PNG, already upscaled, so any renderer shows crisp pixels.
 */
export function figureSvg(
  rows: readonly FigureRow[],
  { title, subtitle, scale = 3, gap = 4 }: FigureOptions = {},
): string {
  if (rows.length === 0) throw new RangeError('figureSvg: no rows');
  // DejaVu Sans at 14px averages under 9px per character
  const labelWidth = 20 + 9 * Math.max(...rows.map((r) => r.label.length));
  const captionHeight = rows.some((r) => r.captions?.length) ? 16 : 0;
  const top = (title ? 34 : 8) + (subtitle ? 18 : 0);
  const parts: string[] = [];
  let y = top;
  let width = 0;
  for (const row of rows) {
    const strip = gridImage(row.images, { scale, padding: gap, background: 255 });
    const cell = row.images[0]!.width * scale;
    parts.push(
      `<text x="${labelWidth - 10}" y="${y + strip.height / 2 + 5}" text-anchor="end" font-size="14">${escapeXml(row.label)}</text>`,
      `<image x="${labelWidth}" y="${y}" width="${strip.width}" height="${strip.height}" href="${pngDataUri(encodePng(strip))}"/>`,
    );
    row.captions?.forEach((c, i) => {
      const cx = labelWidth + gap + i * (cell + gap) + cell / 2;
      parts.push(
        `<text x="${cx}" y="${y + strip.height + 10}" text-anchor="middle" font-size="11" fill="#444">${escapeXml(c)}</text>`,
      );
    });
    y += strip.height + captionHeight;
    width = Math.max(width, labelWidth + strip.width + 8);
  }
  const height = Math.ceil(y + 8);
  width = Math.ceil(Math.max(width, title ? 9 * title.length : 0));
  return svgDocument(width, height, parts, title, subtitle);
}

/**
 * A white SVG page of the given size holding `parts`, with a centred bold title and a smaller
 * grey subtitle under it (either may be absent).
 */
export function svgDocument(
  width: number,
  height: number,
  parts: readonly string[],
  title?: string,
  subtitle?: string,
): string {
  const head = [
    title
      ? `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17" font-weight="bold">${escapeXml(title)}</text>`
      : '',
    subtitle
      ? `<text x="${width / 2}" y="${title ? 44 : 18}" text-anchor="middle" font-size="12" fill="#555">${escapeXml(subtitle)}</text>`
      : '',
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...head.filter(Boolean),
    ...parts,
    '</svg>',
  ].join('\n');
}
