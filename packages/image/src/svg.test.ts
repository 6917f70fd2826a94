import { describe, expect, it } from 'vitest';
import { svgToPng } from './node';
import { decodePng } from './png';
import { figureSvg } from './svg';

const digit = (v: number) => ({ width: 28, height: 28, data: new Uint8Array(784).fill(v) });

describe('figureSvg', () => {
  it('renders labelled rows with captions that rasterise to a non-blank PNG', () => {
    const svg = figureSvg(
      [
        { label: 'input', images: [digit(0), digit(60)] },
        { label: 'output', images: [digit(120), digit(200)], captions: ['a<b', '20.1 dB'] },
      ],
      { title: 'Reconstruction', subtitle: 'test images', scale: 2, gap: 4 },
    );
    expect(svg.match(/<image /g)).toHaveLength(2);
    expect(svg).toContain('a&#60;b');
    const png = decodePng(svgToPng(svg));
    const m = /width="(\d+)" height="(\d+)"/.exec(svg)!;
    expect([png.width, png.height]).toEqual([Number(m[1]), Number(m[2])]);
    // the black first digit (56x56 at scale 2) is there
    expect(png.data.filter((v) => v === 0).length).toBeGreaterThanOrEqual(56 * 56);
  });
});
