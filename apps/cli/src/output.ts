import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Autoencoder, MAX_SAFETENSORS_BYTES, modelFromFiles } from '@bottleneck/autoencoder';
import { loadModel } from '@bottleneck/autoencoder/node';
import { readRegularFile, removeStaleTemporaries, writeFileAtomic } from '@bottleneck/node-io';
import { encodePng, type GrayImage } from '@bottleneck/image';
import { svgToPng } from '@bottleneck/image/node';
import { asInput, InputError } from './errors';

/** Creates `dir` if needed and checks that files can be written in it; `flag` names the option. */
export async function ensureWritableDir(dir: string, flag: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new InputError(`${flag}: ${dir} is a file, expected a folder`);
  await asInput(flag, async () => {
    await mkdir(dir, { recursive: true });
    await removeStaleProbes(dir);
    const probe = join(dir, `${PROBE}${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  });
}

const PROBE = '.write-test-';

/** Whether process `pid` is gone (signal 0 checks without sending anything). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the write probes of processes that were killed before they could remove their own. */
async function removeStaleProbes(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(PROBE) && /^\d+$/.test(n.slice(PROBE.length)));
  for (const name of stale) {
    if (isGone(Number(name.slice(PROBE.length)))) await rm(join(dir, name), { force: true });
  }
}

/** Writes an output file atomically, first removing the temporaries an interrupted run left beside it. */
export async function writeOutputFile(path: string, data: Uint8Array | string, flag: string): Promise<void> {
  await asInput(flag, async () => {
    await removeStaleTemporaries(path);
    await writeFileAtomic(path, data);
  });
}

/** `--out` names a .png file, or a folder that gets `defaultName`. */
export function outputPath(out: string, defaultName: string): string {
  return out.toLowerCase().endsWith('.png') ? out : join(out, defaultName);
}

/** Writes a raster as a PNG atomically; returns the path. */
export async function writeRaster(out: string, defaultName: string, image: GrayImage): Promise<string> {
  const path = outputPath(out, defaultName);
  await ensureWritableDir(dirname(path), `--out ${out}`);
  await writeOutputFile(path, encodePng(image), `--out ${out}`);
  return path;
}

/** Renders an SVG to PNG and writes it atomically; returns the path. */
export async function writeFigure(out: string, defaultName: string, svg: string): Promise<string> {
  const path = outputPath(out, defaultName);
  const png = svgToPng(svg);
  await ensureWritableDir(dirname(path), `--out ${out}`);
  await writeOutputFile(path, png, `--out ${out}`);
  return path;
}

/** `--model`: a model folder (model.json + weights.bin), or a `.safetensors` file in PyTorch's layout. */
export function openModel(path: string, flag = '--model'): Promise<Autoencoder> {
  return asInput(`${flag} ${path}`, async () => {
    if (!path.toLowerCase().endsWith('.safetensors')) return loadModel(path);
    const bytes = await readRegularFile(path, { maxBytes: MAX_SAFETENSORS_BYTES, what: 'a safetensors model' });
    return modelFromFiles([{ name: path, bytes }]).model;
  });
}
