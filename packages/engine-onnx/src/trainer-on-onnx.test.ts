// The ONNX engine under the real Trainer: the same batches in the same order as the tfjs engine,
// so the batch losses agree (the Trainer copies the next batch while the engine still holds one).
import { createAutoencoder, Pcg64 } from '@bottleneck/autoencoder';
import { loadMnist } from '@bottleneck/mnist/node';
import { type EngineFactory, localEngine, Trainer } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import { loadOnnxRuntimeNode } from './node';
import { onnxEngine } from './onnx-engine';

const SIZES = { inputSize: 784, hiddenSize: 32, bottleneckSize: 4 };

async function batchLosses(engine: EngineFactory): Promise<{ losses: number[]; testMse: number | null }> {
  const { train, test } = await loadMnist();
  const random = new Pcg64(7);
  const model = createAutoencoder({ ...SIZES, random });
  const trainer = await Trainer.create(model, {
    train: train.subset(1000),
    test: test.subset(300),
    shuffler: random,
    config: { epochs: 2, batchSize: 128 },
    engine,
  });
  const losses: number[] = [];
  const history = await trainer.run({ onBatchEnd: (b) => void losses.push(b.loss) });
  await trainer.dispose();
  model.dispose();
  return { losses, testMse: history.at(-1)!.testMse };
}

describe('Trainer on the ONNX engine', () => {
  it('sees every batch as the tfjs engine does', async () => {
    const ort = await loadOnnxRuntimeNode();
    const onnx = await batchLosses(onnxEngine(ort));
    const tfjs = await batchLosses(localEngine());
    expect(onnx.losses).toHaveLength(16);
    onnx.losses.forEach((loss, i) => {
      expect(Math.abs(loss - tfjs.losses[i]!)).toBeLessThan(1e-5 * tfjs.losses[i]!);
    });
    expect(Math.abs(onnx.testMse! - tfjs.testMse!)).toBeLessThan(1e-5 * tfjs.testMse!);
  });
});
