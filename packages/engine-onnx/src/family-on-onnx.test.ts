// The conv and VAE presets under the real Trainer on ONNX Runtime and on the tfjs interpreter:
// the same batches (and ε) in the same order give the same losses, and a short run lowers them.
import { createAutoencoder, Pcg64 } from '@bottleneck/autoencoder';
import { type Preset, presetSpec } from '@bottleneck/graph';
import { loadMnist } from '@bottleneck/mnist/node';
import { type EngineFactory, localEngine, Trainer } from '@bottleneck/train';
import { describe, expect, it } from 'vitest';
import { loadOnnxRuntimeNode } from './node';
import { onnxEngine } from './onnx-engine';

async function run(preset: Preset, engine: EngineFactory) {
  const { train, test } = await loadMnist();
  const random = new Pcg64(3);
  const model = createAutoencoder({ spec: presetSpec(preset), random });
  const trainer = await Trainer.create(model, {
    train: train.subset(320),
    test: test.subset(200),
    shuffler: random,
    config: { epochs: 2, batchSize: 64, latentSeed: 1 },
    engine,
  });
  const losses: number[] = [];
  const history = await trainer.run({ onBatchEnd: (b) => void losses.push(b.loss) });
  await trainer.dispose();
  model.dispose();
  return { losses, history };
}

describe.each(['conv', 'vae'] as const)('the %s preset, trained on ONNX Runtime and on tfjs', (preset) => {
  it('sees the same losses on both engines, and they fall', async () => {
    const ort = await loadOnnxRuntimeNode();
    const onnx = await run(preset, onnxEngine(ort, { threads: 1 }));
    const tfjs = await run(preset, localEngine());
    expect(onnx.losses).toHaveLength(10);
    let worst = 0;
    onnx.losses.forEach((loss, i) => {
      worst = Math.max(worst, Math.abs(loss - tfjs.losses[i]!) / tfjs.losses[i]!);
    });
    const [first, last] = [onnx.losses[0]!, onnx.losses.at(-1)!];
    console.log(
      `${preset}: batch loss ${first.toFixed(4)} → ${last.toFixed(4)} in 10 steps; test MSE ${onnx.history.map((r) => r.testMse!.toFixed(4)).join(' → ')}; onnx vs tfjs worst relative difference ${worst.toExponential(2)}`,
    );
    expect(worst).toBeLessThan(1e-4);
    expect(last).toBeLessThan(0.95 * first);
    expect(onnx.history[1]!.testMse!).toBeLessThan(onnx.history[0]!.testMse!);
    expect(Math.abs(onnx.history[1]!.testMse! - tfjs.history[1]!.testMse!)).toBeLessThan(
      1e-4 * tfjs.history[1]!.testMse!,
    );
  });
});
