import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAutoencoder, DEFAULT_CONFIG, Pcg64 } from '@bottleneck/autoencoder';
import { defaultMnistDir } from '@bottleneck/mnist/node';
import { evaluateMse, type GradientComputer, Trainer } from '@bottleneck/train';
import { type BackendName, useBackend } from '../backend';
import { loadData } from '../data';
import { createGradients, threadsFor } from '../worker-gradients';

/** Multiply-adds ×2 of one sample's forward and backward matmuls (no input gradient). */
export function flopsPerSample(sizes: readonly [number, number][]): number {
  const layer = sizes.map(([i, o]) => 2 * i * o);
  const forward = layer.reduce((a, b) => a + b, 0);
  return 2 * forward + forward - layer[0]!;
}

export interface BenchFlags {
  epochs: number;
  backends: BackendName[];
  threads: number[];
  data?: string;
  numpy?: string;
  python: string;
}

export interface BenchRow {
  name: string;
  secondsPerEpoch: number;
  gflops: number;
  testMse: number;
  /** Share of the epoch spent computing gradients (the rest: batch filling, Adam, reduction). */
  gradientShare?: number;
}

class TimedGradients implements GradientComputer {
  seconds = 0;
  constructor(private readonly inner: GradientComputer) {}
  async compute(params: Float32Array, batch: Float32Array, rows: number, grads: Float32Array) {
    const t = performance.now();
    const loss = await this.inner.compute(params, batch, rows, grads);
    this.seconds += (performance.now() - t) / 1000;
    return loss;
  }
  dispose() {
    return this.inner.dispose?.();
  }
}

function fmtRow(r: BenchRow, reference?: number): string {
  const ratio = reference ? `  ${(r.secondsPerEpoch / reference).toFixed(2)}x numpy` : '';
  const share = r.gradientShare === undefined ? '' : `  grads ${(100 * r.gradientShare).toFixed(0)}%`;
  return `${r.name.padEnd(24)} ${r.secondsPerEpoch.toFixed(2).padStart(7)} s/epoch ${r.gflops.toFixed(1).padStart(6)} GFLOP/s  test MSE ${r.testMse.toFixed(5)}${share}${ratio}`;
}

/** Runs ../shared/bench/numpy_lab1.py (or --numpy PATH) and reads its final JSON line. */
function runNumpy(flags: BenchFlags, dataDir: string): BenchRow | string {
  const script = flags.numpy ?? resolve(process.cwd(), '../shared/bench/numpy_lab1.py');
  if (!existsSync(script)) return `numpy reference skipped: ${script} not found (pass --numpy PATH)`;
  const run = spawnSync(flags.python, [script, dataDir, String(flags.epochs)], { encoding: 'utf8', timeout: 20 * 60_000 });
  if (run.status !== 0) return `numpy reference failed: ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1)}`;
  const last = run.stdout.trim().split('\n').at(-1)!;
  const result = JSON.parse(last) as { median_epoch_s: number; test_mse: number; threads: number };
  return {
    name: `numpy (${result.threads} BLAS threads)`,
    secondsPerEpoch: result.median_epoch_s,
    gflops: 0,
    testMse: result.test_mse,
  };
}

export async function bench(flags: BenchFlags): Promise<BenchRow[]> {
  const mnist = await loadData(flags.data);
  const dataDir = flags.data ?? defaultMnistDir();
  const rows: BenchRow[] = [];
  const { inputSize, hiddenSize, bottleneckSize } = DEFAULT_CONFIG;
  const sizes: [number, number][] = [
    [inputSize, hiddenSize],
    [hiddenSize, bottleneckSize],
    [bottleneckSize, hiddenSize],
    [hiddenSize, inputSize],
  ];
  const epochGflop = (flopsPerSample(sizes) * mnist.train.count) / 1e9;
  console.log(`bench: ${flags.epochs} epochs of the lab recipe per configuration, 60k images, batch 2048 (median epoch reported)`);
  let peakRss = process.memoryUsage().rss;
  for (const backend of flags.backends) {
    await useBackend(backend);
    for (const threads of [...new Set(flags.threads.map((t) => threadsFor(backend, t)))]) {
      const random = new Pcg64(0);
      const model = createAutoencoder({ random });
      const { gradients: inner } = await createGradients({ threads, backend, model, maxRows: 2048 });
      const gradients = new TimedGradients(inner);
      const trainer = new Trainer(model, {
        train: mnist.train,
        shuffler: random,
        config: { epochs: flags.epochs },
        gradients,
      });
      const seconds: number[] = [];
      const shares: number[] = [];
      await trainer.run({
        onEpochEnd: (r) => {
          seconds.push(r.seconds);
          shares.push(gradients.seconds / r.seconds);
          gradients.seconds = 0;
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
        },
      });
      const median = [...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)]!;
      const row: BenchRow = {
        name: `${backend}${threads > 1 ? ` x${threads} workers` : ''}`,
        secondsPerEpoch: median,
        gflops: epochGflop / median,
        testMse: await evaluateMse(model, mnist.test),
        gradientShare: shares[seconds.indexOf(median)],
      };
      console.log(fmtRow(row));
      rows.push(row);
      await trainer.dispose();
      model.dispose();
    }
  }
  const numpy = runNumpy(flags, dataDir);
  console.log('');
  if (typeof numpy === 'string') {
    console.log(numpy);
    for (const r of rows) console.log(fmtRow(r));
  } else {
    numpy.gflops = epochGflop / numpy.secondsPerEpoch;
    console.log(fmtRow(numpy));
    for (const r of rows) console.log(fmtRow(r, numpy.secondsPerEpoch));
    rows.push(numpy);
  }
  console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (main thread and workers share one process)`);
  return rows;
}
