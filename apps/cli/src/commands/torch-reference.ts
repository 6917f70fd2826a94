import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelSpec } from '@bottleneck/graph';
import { LAB_RECIPE } from '@bottleneck/train';

export interface TorchTiming {
  name: string;
  /** Seconds of each epoch, training only. */
  epochSeconds: number[];
}

/** What a reference printed: the last line as `{ torch, threads, epoch_s: [...] }`, or null. */
export function parseTorchOutput(stdout: string): { torch: string; threads: number; epochSeconds: number[] } | null {
  try {
    const r = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    const epochs = r.epoch_s;
    if (typeof r.torch !== 'string' || typeof r.threads !== 'number' || !Array.isArray(epochs)) return null;
    if (epochs.length === 0 || !epochs.every((s) => typeof s === 'number' && Number.isFinite(s) && s > 0)) return null;
    return { torch: r.torch, threads: r.threads, epochSeconds: epochs as number[] };
  } catch {
    return null;
  }
}

/** Why a reference cannot run here (its script missing, or `python` without torch), or undefined. */
function torchMissing(script: string, python: string): string | undefined {
  if (!existsSync(script)) return `pytorch reference skipped: ${script} not found`;
  const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
  if (probe.status !== 0) return `pytorch reference skipped: ${python} cannot import torch (set --torch-python)`;
  return undefined;
}

/** A failed reference run in one line: the last line it wrote to stderr, or why it did not run. */
const torchFailure = (run: SpawnSyncReturns<string>) =>
  `pytorch reference failed: ${(run.stderr || run.error?.message || 'no result').trim().split('\n').at(-1)}`;

/**
 * Real PyTorch on the CPU running the lab recipe (`script`, the lab's torch_speed.py, named by
 * `--torch` only: nothing is found and run unasked), when `python` imports torch: s/epoch of
 * training only, for each of `epochs`. Returns a one-line note instead when it cannot run here.
 */
export function runTorchReference(
  script: string,
  python: string,
  dataDir: string,
  epochs: number,
): TorchTiming | string {
  const missing = torchMissing(script, python);
  if (missing) return missing;
  const run = spawnSync(python, [script, dataDir, String(epochs)], {
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  const result = run.status === 0 ? parseTorchOutput(run.stdout) : null;
  if (!result) return torchFailure(run);
  return { name: `pytorch ${result.torch} (${result.threads} threads)`, epochSeconds: result.epochSeconds };
}

/** torch_family.py's last line: `{ torch, epochs: [{ seconds }, …] }` (with `--time`), or null. */
export function parseTorchFamilyOutput(stdout: string): { torch: string; epochSeconds: number[] } | null {
  try {
    const r = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { torch?: unknown; epochs?: unknown };
    if (typeof r.torch !== 'string' || !Array.isArray(r.epochs) || r.epochs.length === 0) return null;
    const seconds = r.epochs.map((e) => (e as { seconds?: unknown }).seconds);
    if (!seconds.every((s) => typeof s === 'number' && Number.isFinite(s) && s > 0)) return null;
    return { torch: r.torch, epochSeconds: seconds as number[] };
  } catch {
    return null;
  }
}

/**
 * Real PyTorch on the CPU training `spec` with the bench's recipe (`script`: bench/torch_family.py,
 * named by `--torch` only): the same init, batch order and Adam (the lab's lr and weight decay),
 * on `threads` threads: s/epoch of each epoch's training loop.
 */
export function runTorchFamily(
  script: string,
  python: string,
  dataDir: string,
  spec: ModelSpec,
  recipe: { epochs: number; batchSize: number; images: number },
  // every core, as the ONNX engine uses by default (the lab's torch_speed.py does the same)
  threads = availableParallelism(),
): TorchTiming | string {
  const missing = torchMissing(script, python);
  if (missing) return missing;
  const dir = mkdtempSync(join(tmpdir(), 'bottleneck-bench-'));
  try {
    const specFile = join(dir, 'spec.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const args = [script, specFile, dataDir, join(dir, 'params.bin'), '--time']
      .concat([
        '--epochs',
        String(recipe.epochs),
        '--subset',
        String(recipe.images),
        '--batch',
        String(recipe.batchSize),
      ])
      .concat(['--lr', String(LAB_RECIPE.lr), '--weight-decay', String(LAB_RECIPE.weightDecay)])
      .concat(['--threads', String(threads)]);
    const run = spawnSync(python, args, { encoding: 'utf8', timeout: 60 * 60_000 });
    const result = run.status === 0 ? parseTorchFamilyOutput(run.stdout) : null;
    if (!result) return torchFailure(run);
    return {
      name: `pytorch ${result.torch} (${threads} thread${threads === 1 ? '' : 's'})`,
      epochSeconds: result.epochSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
