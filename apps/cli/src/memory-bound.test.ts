import { DEFAULT_CONFIG } from '@bottleneck/autoencoder';
import { mlpSpec } from '@bottleneck/graph';
import { describe, expect, it } from 'vitest';
import { checkMemoryBound, estimateTrainingBytes, MEMORY_BOUND_BYTES } from './memory-bound';

const MiB = 2 ** 20;
const lab = { spec: mlpSpec(DEFAULT_CONFIG), trainRows: 2048, testCount: 10_000, workers: 0 };

describe('estimateTrainingBytes', () => {
  // peaks measured with /usr/bin/time on onnx-cpu and wasm; the estimate must not be below them
  it('is at least what was measured', () => {
    const measured = [
      [{ ...lab, spec: mlpSpec({ ...DEFAULT_CONFIG, hiddenSize: 4096 }), trainRows: 128 }, 733],
      [{ ...lab, spec: mlpSpec({ ...DEFAULT_CONFIG, hiddenSize: 8192, bottleneckSize: 1024 }), trainRows: 128 }, 2191],
      [{ ...lab, spec: mlpSpec({ ...DEFAULT_CONFIG, hiddenSize: 2048 }), trainRows: 4096 }, 769],
      [{ ...lab, trainRows: 60_000 }, 1619],
      [{ ...lab, trainRows: 64, workers: 8 }, 665],
      [{ ...lab, trainRows: 64, workers: 2 }, 322],
    ] as const;
    for (const [shape, mib] of measured) expect(estimateTrainingBytes(shape) / MiB).toBeGreaterThan(mib);
  });

  it("lets the lab's run through and refuses what would pass the bound", () => {
    expect(estimateTrainingBytes(lab)).toBeLessThan(MEMORY_BOUND_BYTES / 2);
    expect(() => checkMemoryBound(lab, '--x')).not.toThrow();
    expect(() => checkMemoryBound({ ...lab, trainRows: 60_000 }, '--batch-size 60000')).toThrow(
      /^--batch-size 60000: training would need about \d\.\d GiB, more than the 1\.5 GiB bound; use a smaller model \(--hidden, --bottleneck, --arch, --spec\) or --batch-size$/,
    );
    expect(() => checkMemoryBound({ ...lab, workers: 32 }, '--threads 32')).toThrow(/or fewer --threads$/);
  });
});
