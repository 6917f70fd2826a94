// Measures the latent map's k-NN class agreement for UMAP settings, on the codes the page computes
// (the shipped models on the first test digits, tfjs cpu), with the worker's own umapOfCodes.
// Run in apps/web: pnpm umap-sweep '{"models":["mlp","conv"],"points":[2000],"seeds":[0,1],"settings":[{},{"neighbours":15}]}'
// Each settings entry overrides MAP_SETTINGS; each line printed is one model, size and setting.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { deserializeModel, parseModelJson } from '@bottleneck/autoencoder';
import { type MnistSplit, splitFromIdx } from '@bottleneck/mnist';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { KNN_K } from '../src/embedding-protocol';
import { knnAgreement } from '../src/knn-agreement';
import { codeRows } from '../src/code-scaling';
import { type UmapSettings, umapOfCodes } from '../src/umap-map';
import { SHIPPED_DIGITS } from '../src/shipped-digits';
import { MAP_SETTINGS } from '../src/umap-settings';

const MODELS = {
  mlp: 'public/model/',
  deep: 'public/model/deep/',
  sparse: 'public/model/sparse/',
  conv: 'public/model/conv/',
  vae: 'public/model/vae/',
} as const;
const CACHE = 'node_modules/.cache/umap-sweep';

interface Sweep {
  models: (keyof typeof MODELS)[];
  points: number[];
  seeds: number[];
  settings: Partial<UmapSettings>[];
}

async function codesOf(name: keyof typeof MODELS, n: number): Promise<{ codes: Float32Array; k: number }> {
  const dir = MODELS[name];
  const json = parseModelJson(JSON.parse(await readFile(`${dir}model.json`, 'utf8')), `${dir}model.json`);
  const model = deserializeModel(json, await readFile(`${dir}weights.bin`));
  const k = model.config.bottleneckSize;
  const file = `${CACHE}/${name}-${n}.bin`;
  try {
    return { codes: new Float32Array((await readFile(file)).buffer.slice(0)), k };
  } catch {
    // not cached yet: encode below
  }
  const digits = await shippedDigits();
  const f = model.config.inputSize;
  const x = digits.toFloat32(0, n);
  const codes = new Float32Array(n * k);
  for (let start = 0; start < n; start += 250) {
    const count = Math.min(250, n - start);
    const z = tf.tidy(() => model.encode(tf.tensor2d(x.subarray(start * f, (start + count) * f), [count, f])));
    codes.set(await z.data(), start * k);
    z.dispose();
  }
  await mkdir(CACHE, { recursive: true });
  await writeFile(file, codes);
  return { codes, k };
}

/** The shipped test set, read once. */
let shipped: Promise<MnistSplit> | undefined;
function shippedDigits(): Promise<MnistSplit> {
  const { images, labels } = SHIPPED_DIGITS;
  shipped ??= Promise.all([readFile(`public/data/${images}`), readFile(`public/data/${labels}`)]).then(([i, l]) =>
    splitFromIdx(i, l, SHIPPED_DIGITS),
  );
  return shipped;
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const sweep = JSON.parse(process.argv[2] ?? '{}') as Sweep;
  const { labels } = await shippedDigits();
  for (const name of sweep.models) {
    for (const n of sweep.points) {
      const { codes, k } = await codesOf(name, n);
      const l = labels.subarray(0, n);
      // the codes' own score, as the page reports it (raw) and as each scaling sees them
      const inCodes = Object.fromEntries(
        (['raw', 'unit-length', 'standardised'] as const).map((s) => [
          s,
          +knnAgreement(codeRows(codes, n, k, s).flat(), l, KNN_K, k).toFixed(3),
        ]),
      );
      console.log(JSON.stringify({ model: name, n, codesKnn: inCodes }));
      for (const partial of sweep.settings) {
        const settings = { ...MAP_SETTINGS, ...partial };
        const scores: number[] = [];
        const times: number[] = [];
        for (const seed of sweep.seeds) {
          const t0 = performance.now();
          const points = umapOfCodes(codes, n, k, settings, seed);
          times.push(performance.now() - t0);
          scores.push(knnAgreement(points, l, KNN_K));
        }
        const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
        console.log(
          JSON.stringify({
            model: name,
            n,
            ...partial,
            knn: scores.map((s) => +s.toFixed(3)),
            mean: +mean.toFixed(3),
            seconds: +(times.reduce((a, b) => a + b, 0) / times.length / 1000).toFixed(1),
          }),
        );
      }
    }
  }
}

await main();
