import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Autoencoder } from '@bottleneck/autoencoder';
import { loadModel, writeFileAtomic } from '@bottleneck/autoencoder/node';
import { svgToPng } from '@bottleneck/image/node';
import { asInput } from './errors';

/** `--out` names a .png file, or a folder that gets `defaultName`. */
export function outputPath(out: string, defaultName: string): string {
  return out.toLowerCase().endsWith('.png') ? out : join(out, defaultName);
}

/** Renders an SVG to PNG and writes it atomically; returns the path. */
export async function writeFigure(out: string, defaultName: string, svg: string): Promise<string> {
  const path = outputPath(out, defaultName);
  const png = svgToPng(svg);
  await asInput(`--out ${out}`, async () => {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, png);
  });
  return path;
}

export function openModel(dir: string): Promise<Autoencoder> {
  return asInput(`--model ${dir}`, () => loadModel(dir));
}
