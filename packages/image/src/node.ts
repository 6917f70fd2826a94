import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

let fontFile: string | undefined;

/** DejaVu Sans from the `dejavu-fonts-ttf` package, so text renders the same on any machine. */
function font(): string {
  if (!fontFile) {
    const require = createRequire(import.meta.url);
    fontFile = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
  }
  return fontFile;
}

/** Rasterises an SVG document (a figure or a loss plot) to PNG bytes with resvg. */
export function svgToPng(svg: string, { zoom = 1 }: { zoom?: number } = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: zoom === 1 ? { mode: 'original' } : { mode: 'zoom', value: zoom },
    font: { fontFiles: [font()], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return new Uint8Array(resvg.render().asPng());
}
