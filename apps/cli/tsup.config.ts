import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts', 'src/gradient-worker.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  // optional: loaded on demand, and absent where its native library could not be installed
  external: ['@bottleneck/engine-onnx'],
  target: 'es2022',
});
