import { createAutoencoder, readParameters } from '@bottleneck/autoencoder';
import { describe, expect, it } from 'vitest';
import { DeviceGradients } from './device-gradients';
import { LocalGradients } from './gradients';

describe('DeviceGradients', () => {
  it('gives the loss and gradients LocalGradients gives, plain and denoising', async () => {
    const config = { inputSize: 36, hiddenSize: 12, bottleneckSize: 3 };
    const model = createAutoencoder({ ...config, seed: 1 });
    const params = readParameters(model);
    const rows = 5;
    const batch = Float32Array.from({ length: rows * 36 }, (_, i) => ((i * 37) % 101) / 100);
    const target = batch.map((v) => 1 - v);
    for (const t of [undefined, target]) {
      const expected = new Float32Array(params.length);
      const got = new Float32Array(params.length);
      const lossA = new LocalGradients(model).compute(params, batch, rows, expected, t);
      const lossB = await new DeviceGradients(model).compute(params, batch, rows, got, t);
      expect(lossB).toBeCloseTo(lossA, 6);
      const scale = Math.max(...expected.map(Math.abs));
      expect(Math.max(...got.map((v, i) => Math.abs(v - expected[i]!))) / scale).toBeLessThan(1e-5);
    }
    const sse = await new DeviceGradients(model).sumSquaredError(params, batch, rows);
    expect(sse).toBeCloseTo(new LocalGradients(model).sumSquaredError(params, batch, rows), 6);
    model.dispose();
  });
});
