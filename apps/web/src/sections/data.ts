import { MAX_IDX_BYTES, type MnistSplit, readIdx, splitFromIdx } from '@bottleneck/mnist';
import { IDX_LABELS_MAGIC } from '@bottleneck/mnist/internal';
import { describeBytes } from '../file-kind';

/** IDX files start with two zero bytes; gzip with 1f 8b. Anything else: say what it looks like. */
function checkLooksLikeIdx(name: string, bytes: Uint8Array): void {
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzip || (bytes[0] === 0 && bytes[1] === 0)) return;
  const kind = describeBytes(bytes);
  throw new Error(
    `${name}: not an IDX file${kind ? ` (it looks like ${kind})` : ''}: expected MNIST's IDX format, raw or .gz`,
  );
}

/**
 * Builds a split from two user files, whichever order they were picked in: the labels file is
 * the one whose header says labels. Errors are the loader's own, naming the file; images of another
 * size than the model's are refused.
 */
export async function splitFromFiles(files: readonly File[], inputSize: number): Promise<MnistSplit> {
  if (files.length !== 2) {
    throw new Error(`choose two files (an images file and a labels file), got ${files.length}`);
  }
  // the CLI's bound, checked before a byte is read
  const tooBig = files.find((f) => f.size > MAX_IDX_BYTES);
  if (tooBig)
    throw new Error(`${tooBig.name}: ${tooBig.size} bytes, more than the ${MAX_IDX_BYTES} an IDX file may have`);
  const loaded = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  for (const { name, bytes } of loaded) checkLooksLikeIdx(name, bytes);
  const isLabels = loaded.map(({ name, bytes }) => readIdx(bytes, name).magic === IDX_LABELS_MAGIC);
  const labels = loaded[isLabels[0] ? 0 : 1]!;
  const images = loaded[isLabels[0] ? 1 : 0]!;
  const split = splitFromIdx(images.bytes, labels.bytes, { images: images.name, labels: labels.name });
  // checked here, before the page switches to them: the model only reads images of its own size
  if (split.featureSize !== inputSize) {
    const side = Math.round(Math.sqrt(inputSize));
    throw new Error(
      `${images.name}: ${split.rows}×${split.cols} images, but the model reads ${side}×${side} (${inputSize} pixels)`,
    );
  }
  if (split.count === 0) throw new Error(`${images.name}: no images`);
  return split;
}
