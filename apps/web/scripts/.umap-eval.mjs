import { readFileSync } from 'node:fs';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { deserializeModel, parseModelJson } from '@bottleneck/autoencoder';
import { splitFromIdx } from '@bottleneck/mnist';
import { UMAP } from 'umap-js';
await tf.setBackend('cpu');
const json = parseModelJson(JSON.parse(readFileSync('public/model/model.json', 'utf8')));
const model = deserializeModel(json, new Uint8Array(readFileSync('public/model/weights.bin')));
const split = splitFromIdx(new Uint8Array(readFileSync('public/data/t10k-images-idx3-ubyte.gz')), new Uint8Array(readFileSync('public/data/t10k-labels-idx1-ubyte.gz')), { images: 'i', labels: 'l' });
const n = 2000, k = 8;
const x = split.toFloat32(0, n);
const codes = model.encode(tf.tensor2d(x, [n, 784])).dataSync();
const labels = split.labels.subarray(0, n);
const { knnAgreement } = await import('./.knn.mjs');
function knnK(rows, kk = 10) { // in k-d
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = rows.map((r, j) => [j === i ? Infinity : r.reduce((s, v, t) => s + (v - rows[i][t]) ** 2, 0), j]);
    d.sort((a, b) => a[0] - b[0]);
    total += d.slice(0, kk).filter(([, j]) => labels[j] === labels[i]).length / kk;
  }
  return total / n;
}
const raw = Array.from({ length: n }, (_, i) => Array.from(codes.subarray(i * k, i * k + k)));
const mean = Array.from({ length: k }, (_, j) => raw.reduce((s, r) => s + r[j], 0) / n);
const sd = Array.from({ length: k }, (_, j) => Math.sqrt(raw.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n) || 1);
const std = raw.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
const unit = raw.map((r) => { const m = Math.hypot(...r) || 1; return r.map((v) => v / m); });
const logc = raw.map((r) => r.map((v) => Math.log1p(v)));

function rng(seed) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
for (const [name, rows, opts] of [['cos nn10 md0', unit, { nNeighbors: 10, minDist: 0 }], ['cos nn30', unit, { nNeighbors: 30 }], ['cos nn15 md0 ep500', unit, { minDist: 0, nEpochs: 500 }]]) {
  const t = Date.now();
  const u = new UMAP({ nComponents: 2, nNeighbors: 15, minDist: 0.1, nEpochs: 300, random: rng(0), ...opts });
  const e = u.fit(rows);
  console.log(name, knnAgreement(e.flat(), labels, 10).toFixed(3), Date.now() - t, 'ms');
}
