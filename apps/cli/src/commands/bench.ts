import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createAutoencoder, Pcg64 } from '@bottleneck/autoencoder';
import { type ModelSpec, parameterLayout } from '@bottleneck/graph';
import type { Mnist } from '@bottleneck/mnist';
import { defaultMnistDir } from '@bottleneck/mnist/node';
import { evaluateMse, LAB_RECIPE, Trainer } from '@bottleneck/train';
import { loadData } from '../data';
import { chooseEngine, type EngineChoice, probeOnnx } from '../engines';
import { checkMemoryBound, tfjsWorkers } from '../memory-bound';
import { escapeForTerminal, say } from '../terminal-text';
import { chooseModelSpec, describeModelChoice, type ModelChoiceFlags } from '../model-choice';
import { runTorchFamily, runTorchReference } from './torch-reference';
import { REFERENCE_RECIPES } from './zoo';

/** Multiply-adds ×2 of one sample's forward and backward matmuls (no input gradient). */
export function flopsPerSample(sizes: readonly [number, number][]): number {
  const layer = sizes.map(([i, o]) => 2 * i * o);
  const forward = layer.reduce((a, b) => a + b, 0);
  return 2 * forward + forward - layer[0]!;
}

export interface BenchFlags extends ModelChoiceFlags {
  epochs: number;
  /** Times through NumPy and every engine; the ratios of neighbouring runs are summarised. */
  rounds: number;
  /** Engines to time; default: every usable ONNX provider except WebGPU, then wasm. */
  backends?: EngineChoice[];
  /** Thread counts to try; default: each engine's own. */
  threads?: number[];
  data?: string;
  numpy?: string;
  python: string;
  /**
   * The PyTorch row's script (none by default): torch_speed.py for the lab's MLP; for any other
   * model (`--arch`, `--spec`), bench/torch_family.py, which builds the same spec.
   */
  torch?: string;
  /** A python that imports torch, for the PyTorch row (default: `python`). */
  torchPython?: string;
}

/** What a bench run trains: the model, its batch size, and whether it is the lab's MLP (NumPy's). */
interface BenchRecipe {
  spec: ModelSpec;
  batchSize: number;
  lab: boolean;
}

export interface BenchRow {
  name: string;
  secondsPerEpoch: number;
  gflops: number;
  testMse: number;
  /** Peak resident memory of the process while this row ran (MiB); null where not measured. */
  peakRssMiB: number | null;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function fmtRow(r: BenchRow, reference?: number, torch?: number): string {
  const ratio =
    (reference ? `  ${(r.secondsPerEpoch / reference).toFixed(2)}x numpy` : '') +
    (torch ? `  ${(r.secondsPerEpoch / torch).toFixed(2)}x pytorch` : '');
  const rss = r.peakRssMiB === null ? '' : `  peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
  const gflops = Number.isNaN(r.gflops) ? '   n/a' : r.gflops.toFixed(1).padStart(6);
  return `${r.name.padEnd(34)} ${r.secondsPerEpoch.toFixed(2).padStart(6)} s/epoch ${gflops} GFLOP/s  test MSE ${Number.isNaN(r.testMse) ? '    n/a' : r.testMse.toFixed(5)}${rss}${ratio}`;
}

/** What numpy_lab1.py prints as its last line. */
interface NumpyResult {
  median_epoch_s: number;
  test_mse: number;
  threads: number;
  blas?: string;
}

/** The reference's last line as its result, or undefined when it is not one. */
export function parseNumpyResult(line: string): NumpyResult | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const r = json as Partial<NumpyResult> | null;
  const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (typeof r !== 'object' || r === null || !positive(r.median_epoch_s) || !positive(r.test_mse)) return undefined;
  if (!(Number.isInteger(r.threads) && r.threads! > 0)) return undefined;
  return { ...(r as NumpyResult), blas: typeof r.blas === 'string' ? r.blas : undefined };
}

/**
 * Runs the NumPy reference `--numpy PATH` (none by default: a script is run only when named, never
 * found relative to the current folder) with OpenBLAS free to pick its best kernels: this
 * machine's OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are removed for that command only.
 */
function runNumpy(flags: BenchFlags, dataDir: string): { row: BenchRow; blas: string } | string {
  const script = flags.numpy;
  if (script === undefined) return "numpy reference skipped: pass --numpy PATH (the lab's numpy_lab1.py) to compare";
  if (!existsSync(script)) return `numpy reference skipped: ${escapeForTerminal(script)} not found`;
  const { OPENBLAS_CORETYPE: _core, OPENBLAS_L2_SIZE: _l2, ...env } = process.env;
  const run = spawnSync(flags.python, [script, dataDir, String(flags.epochs)], {
    encoding: 'utf8',
    timeout: 20 * 60_000,
    env,
  });
  const lastLine = (text: string) => escapeForTerminal(text.trim().split('\n').at(-1)?.slice(0, 200) ?? '');
  if (run.status !== 0) return `numpy reference failed: ${lastLine(run.stderr || run.error?.message || '')}`;
  const result = parseNumpyResult(run.stdout.trim().split('\n').at(-1) ?? '');
  if (!result) return `numpy reference failed: its last line is not its result JSON (${lastLine(run.stdout)})`;
  return {
    row: {
      name: `numpy (${result.threads} BLAS threads)`,
      secondsPerEpoch: result.median_epoch_s,
      gflops: 0,
      testMse: result.test_mse,
      peakRssMiB: null,
    },
    blas: escapeForTerminal(result.blas ?? 'unknown BLAS'),
  };
}

/** The default engine list: ONNX providers that run here (WebGPU only when asked), then wasm. */
async function defaultEngines(): Promise<EngineChoice[]> {
  const onnx = await probeOnnx(['onnx-cpu', 'onnx-cuda']);
  return [...onnx.filter((s) => s.usable).map((s) => s.name as EngineChoice), 'wasm'];
}

/**
 * The median, least and greatest of each engine's ratios to NumPy, one per round: each ratio
 * compares runs minutes apart, so a machine whose speed drifts between rounds still gives a fair
 * figure.
 */
export function summarizeRatios(ratios: ReadonlyMap<string, readonly number[]>): string[] {
  return [...ratios].map(
    ([name, rs]) =>
      `${name.padEnd(34)} ${median(rs).toFixed(2)}x numpy, median of ${rs.length} round${rs.length === 1 ? '' : 's'} ` +
      `(${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)})`,
  );
}

/** Times one engine on the lab recipe (seed 0, the whole training split). */
async function timeEngine(
  mnist: Mnist,
  choice: EngineChoice,
  threads: number | undefined,
  flags: BenchFlags,
  recipe: BenchRecipe,
  epochGflop: number,
): Promise<BenchRow> {
  const chosen = await chooseEngine(choice, threads);
  const random = new Pcg64(0);
  const model = createAutoencoder({ spec: recipe.spec, random });
  const trainer = await Trainer.create(model, {
    train: mnist.train,
    shuffler: random,
    config: { epochs: flags.epochs, batchSize: recipe.batchSize },
    engine: chosen.engine,
  });
  let peakRss = process.memoryUsage().rss;
  const seconds: number[] = [];
  await trainer.run({
    onBatchEnd: () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
    onEpochEnd: (r) => {
      seconds.push(r.seconds);
    },
  });
  await trainer.dispose();
  const perEpoch = median(seconds);
  const row: BenchRow = {
    name: `${choice} ${chosen.threads} thread${chosen.threads > 1 ? 's' : ''}`,
    secondsPerEpoch: perEpoch,
    gflops: epochGflop / perEpoch,
    testMse: await evaluateMse(model, mnist.test),
    peakRssMiB: peakRss / 2 ** 20,
  };
  model.dispose();
  return row;
}

/** Times each engine on the lab recipe, after the NumPy reference, all in this one run. */
export async function bench(flags: BenchFlags): Promise<BenchRow[]> {
  const mnist = await loadData(flags.data);
  const dataDir = flags.data ?? defaultMnistDir();
  const spec = await chooseModelSpec(flags);
  const lab = (flags.arch ?? 'mlp') === 'mlp' && flags.spec === undefined;
  // a preset trains with its reference's batch size (the lab's 2048 for mlp, pytorch/examples' 128 for vae)
  const batchSize =
    (flags.spec === undefined && REFERENCE_RECIPES[flags.arch ?? 'mlp']?.batchSize) || LAB_RECIPE.batchSize;
  const recipe: BenchRecipe = { spec, batchSize, lab };
  const images = mnist.train.count;
  // GFLOP/s counts the dense layers' matmuls: the lab's MLP only
  const layers = parameterLayout(spec)
    .filter((p) => p.role === 'kernel')
    .map((p) => p.dims as [number, number]);
  const epochGflop = lab ? (flopsPerSample(layers) * images) / 1e9 : Number.NaN;
  say(
    `bench: ${flags.epochs} epochs of ${lab ? 'the lab recipe' : `${describeModelChoice(flags, spec)}`} per configuration, ` +
      `${images.toLocaleString('en-US')} images, batch ${batchSize}, seed 0 (median epoch reported, training only)`,
  );
  const rows: BenchRow[] = [];
  const engines = flags.backends ?? (await defaultEngines());
  // every configuration within the memory bound, before the first one runs
  for (const choice of engines) {
    for (const threads of flags.threads ?? [undefined]) {
      const workers = tfjsWorkers(choice, threads);
      checkMemoryBound(
        {
          spec,
          trainRows: Math.min(batchSize, images),
          testCount: 0,
          workers,
        },
        `${describeModelChoice(flags, spec)} --backends ${choice}${workers > 0 ? ` --threads ${workers}` : ''}`,
      );
    }
  }
  const ratios = new Map<string, number[]>();
  for (let round = 1; round <= flags.rounds; round++) {
    if (flags.rounds > 1) say(`round ${round} of ${flags.rounds}`);
    // the NumPy reference is the lab's MLP only
    const numpy = lab ? runNumpy(flags, dataDir) : "numpy reference skipped: it trains the lab's MLP only";
    if (typeof numpy === 'string') say(numpy);
    else {
      numpy.row.gflops = epochGflop / numpy.row.secondsPerEpoch;
      if (round === 1) say(`numpy BLAS: ${numpy.blas}`);
      say(fmtRow(numpy.row));
      rows.push(numpy.row);
    }
    const reference = typeof numpy === 'string' ? undefined : numpy.row.secondsPerEpoch;
    const python = flags.torchPython ?? flags.python;
    const torch = !flags.torch
      ? 'pytorch reference skipped: no --torch'
      : lab
        ? runTorchReference(flags.torch, python, dataDir, flags.epochs)
        : runTorchFamily(flags.torch, python, dataDir, spec, { epochs: flags.epochs, batchSize, images });
    if (typeof torch === 'string') say(torch);
    else {
      const secondsPerEpoch = median(torch.epochSeconds);
      const row = {
        name: torch.name,
        secondsPerEpoch,
        gflops: epochGflop / secondsPerEpoch,
        testMse: Number.NaN,
        peakRssMiB: null,
      };
      say(fmtRow(row, reference));
      rows.push(row);
    }
    const torchSeconds = typeof torch === 'string' ? undefined : median(torch.epochSeconds);
    for (const choice of engines) {
      for (const threads of flags.threads ?? [undefined]) {
        const row = await timeEngine(mnist, choice, threads, flags, recipe, epochGflop);
        say(fmtRow(row, reference, torchSeconds));
        rows.push(row);
        if (reference) ratios.set(row.name, [...(ratios.get(row.name) ?? []), row.secondsPerEpoch / reference]);
      }
    }
  }
  if (flags.rounds > 1) for (const line of summarizeRatios(ratios)) say(line);
  return rows;
}
