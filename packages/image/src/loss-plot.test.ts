import { describe, expect, it } from 'vitest';
import { lossPlotSvg } from './loss-plot';
import { decodePng } from './png';
import { svgToPng } from './node';

const history = Array.from({ length: 12 }, (_, i) => ({
  epoch: i + 1,
  trainLoss: 0.1 / (i + 1),
  testMse: 0.09 / (i + 1),
  lr: i < 8 ? 1e-3 : 1e-4,
  lrReduced: i === 7,
}));

describe('lossPlotSvg', () => {
  it('draws both series, a point per epoch and the lr drop', () => {
    const svg = lossPlotSvg(history);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(24);
    expect(svg).toContain('lr → 1e-4');
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(svg).toContain('test MSE');
  });

  it('names another loss on its axis and in its legend, escaped', () => {
    const svg = lossPlotSvg(history, { yLabel: 'BCE summed + KL, per image <x>', testLabel: 'test loss' });
    expect(svg).toContain('BCE summed + KL, per image &#60;x&#62; (log scale)');
    expect(svg).toContain('>test loss<');
    expect(svg).not.toContain('MSE');
  });

  it("labels the lab's 0.026–0.107 log axis at 0.03 … 0.1 (it had only 0.05 and 0.1)", () => {
    const lab = Array.from({ length: 50 }, (_, i) => ({
      ...history[0]!,
      epoch: i + 1,
      trainLoss: 0.107 * (0.026 / 0.107) ** (i / 49),
      testMse: null,
      lrReduced: false,
    }));
    const labels = [...lossPlotSvg(lab).matchAll(/text-anchor="end" font-size="12">([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['0.03', '0.04', '0.05', '0.06', '0.07', '0.08', '0.09', '0.1']);
  });

  it('labels epochs at a round step', () => {
    const long = Array.from({ length: 50 }, (_, i) => ({ ...history[0]!, epoch: i + 1, lrReduced: false }));
    const labels = [...lossPlotSvg(long).matchAll(/text-anchor="middle" font-size="12">(\d+)</g)].map((m) =>
      Number(m[1]),
    );
    expect(labels).toEqual([1, 10, 20, 30, 40, 50]);
  });

  it('plots a million epochs (no spread of the values onto the stack) and skips non-finite ones', () => {
    const long = Array.from({ length: 1_000_000 }, (_, i) => ({
      epoch: i + 1,
      trainLoss: i === 5 ? Number.NaN : 1 / (i + 1),
      testMse: null,
      lr: 1e-3,
      lrReduced: false,
    }));
    const svg = lossPlotSvg(long);
    expect(svg).toContain('<polyline');
    expect(svg).not.toContain('NaN');
  });

  it('ends, bounded, on hostile values: losses of 5e-324, epochs near 2^53 and beyond, a non-numeric lr', () => {
    const tiny = [1, 2].map((epoch) => ({ epoch, trainLoss: 5e-324, testMse: 5e-324, lr: 1e-3, lrReduced: false }));
    expect(lossPlotSvg(tiny)).toContain('<polyline');
    const far = [1, 2 ** 53 - 1].map((epoch) => ({ ...tiny[0]!, epoch, trainLoss: 0.1 }));
    const svg = lossPlotSvg(far);
    expect(svg.match(/font-size="12">\d+</g)!.length).toBeLessThan(20);
    expect(() => lossPlotSvg([{ ...far[0]!, epoch: 1e16 }])).toThrow(/epoch 10000000000000000 is not a safe integer/);
    const oddLr = [
      { ...history[0]!, lrReduced: true },
      { ...history[1]!, lr: 'fast' as unknown as number },
    ];
    expect(lossPlotSvg(oddLr)).toContain('lr ↓');
  });

  it('handles a history without test MSE', () => {
    const svg = lossPlotSvg(history.map((r) => ({ ...r, testMse: null, lrReduced: false })));
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg).not.toContain('test MSE');
    expect(() => lossPlotSvg([])).toThrow(/empty history/);
  });

  it('rasterises to a PNG of the requested size with lines on it', () => {
    const png = decodePng(svgToPng(lossPlotSvg(history, { width: 600, height: 400 })));
    expect([png.width, png.height]).toEqual([600, 400]);
    const dark = png.data.filter((v) => v < 128).length;
    expect(dark).toBeGreaterThan(1000);
    expect(dark).toBeLessThan(png.data.length / 4);
  });
});
