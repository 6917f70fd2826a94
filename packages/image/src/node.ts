import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type ResvgModule = typeof import('@resvg/resvg-js');

const require = createRequire(import.meta.url);
let resvgModule: ResvgModule | undefined;
let fontFile: string | undefined;

/**
 * `@resvg/resvg-js` (a native rasteriser) and `dejavu-fonts-ttf` are optional peer dependencies:
 * loaded on the first PNG, so this entry loads without them.
 */
function peer<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error('svgToPng needs its optional peer dependencies: `npm install @resvg/resvg-js dejavu-fonts-ttf`');
  }
}

function resvg(): ResvgModule {
  resvgModule ??= peer(() => require('@resvg/resvg-js') as ResvgModule);
  return resvgModule;
}

/** DejaVu Sans from the `dejavu-fonts-ttf` package, so text renders the same on any machine. */
function font(): string {
  fontFile ??= join(dirname(peer(() => require.resolve('dejavu-fonts-ttf/package.json'))), 'ttf', 'DejaVuSans.ttf');
  return fontFile;
}

/** Rasterises an SVG document (a figure or a loss plot) to PNG bytes with resvg. */
export function svgToPng(svg: string, { zoom = 1 }: { zoom?: number } = {}): Uint8Array {
  const image = new (resvg().Resvg)(svg, {
    fitTo: zoom === 1 ? { mode: 'original' } : { mode: 'zoom', value: zoom },
    font: { fontFiles: [font()], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return new Uint8Array(image.render().asPng());
}
