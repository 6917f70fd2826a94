import { describe, expect, it } from 'vitest';
import type { GrayImage } from './gray-image';
import { CLASS_COLOURS, classColour, latentFigureSvg } from './latent-figure';
import { svgToPng } from './node';
import { decodePng } from './png';

const blank = (v: number): GrayImage => ({ width: 28, height: 28, data: new Uint8Array(784).fill(v) });

function figure(points: number[], labels: number[], classNames = ['zero', 'one', 'two']) {
  return latentFigureSvg({
    points,
    labels,
    classNames,
    axes: ['PC1 (40%)', 'PC2 <20%>'],
    grid: { images: Array.from({ length: 6 }, (_, i) => blank(i * 40)), columns: 3, x: [0, 1], y: [0, 1] },
    title: 'Latent space',
    subtitle: 'test codes',
  });
}

/** The centres of the circles drawn in one class's colour. */
function circlesOf(svg: string, colour: string): [number, number][] {
  const group = svg.match(new RegExp(`<g fill="${colour}"[^>]*>(.*?)</g>`))?.[1] ?? '';
  return [...group.matchAll(/cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('latentFigureSvg', () => {
  it('draws each point in its class colour where its coordinates say, with a legend and escaped axes', () => {
    const svg = figure([0, 0, 2, 1, -1, 3, 0.5, 0.5], [0, 1, 2, 1]);
    const ones = circlesOf(svg, CLASS_COLOURS[1]);
    expect(ones).toHaveLength(2);
    expect(circlesOf(svg, CLASS_COLOURS[0])).toHaveLength(1);
    const [[ax, ay], [bx, by]] = ones as [[number, number], [number, number]];
    // (2, 1) is right of and above (0.5, 0.5): SVG's y grows downwards
    expect(ax).toBeGreaterThan(bx);
    expect(ay).toBeLessThan(by);
    const [[zx, zy]] = circlesOf(svg, CLASS_COLOURS[0]) as [[number, number]];
    const [[tx, ty]] = circlesOf(svg, CLASS_COLOURS[2]) as [[number, number]];
    // (−1, 3) is left of and above (0, 0)
    expect(tx).toBeLessThan(zx);
    expect(ty).toBeLessThan(zy);
    for (const name of ['zero', 'one', 'two']) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain('PC2 &#60;20%&#62;');
    expect(svg).toContain('stroke-dasharray');
  });

  it('renders to a PNG with the grid of decoded images', () => {
    const png = decodePng(svgToPng(figure([0, 0, 1, 1], [0, 2])));
    expect(png.width).toBeGreaterThan(300);
    expect(png.height).toBeGreaterThan(100);
  });

  it('refuses mismatched points and a ragged grid', () => {
    expect(() => figure([0, 0, 1], [0, 1])).toThrow(/3 coordinates for 2 points/);
    expect(() =>
      latentFigureSvg({
        points: [],
        labels: [],
        classNames: ['a'],
        axes: ['x', 'y'],
        grid: { images: [blank(0), blank(0)], columns: 3, x: [0, 1], y: [0, 1] },
        title: 't',
      }),
    ).toThrow(/do not fill 3 columns/);
  });
});

describe('classColour', () => {
  it('uses the ten categorical colours, then distinct hues', () => {
    expect(classColour(3, 10)).toBe(CLASS_COLOURS[3]);
    const many = Array.from({ length: 26 }, (_, i) => classColour(i, 26));
    expect(new Set(many).size).toBe(26);
  });
});
