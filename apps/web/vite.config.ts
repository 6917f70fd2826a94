import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { galleryDigits } from './vite-gallery-digits.ts';
import { precompressed } from './vite-precompressed.ts';

const packageSource = (name: string, file = 'index') =>
  fileURLToPath(new URL(`../../packages/${name}/src/${file}.ts`, import.meta.url));

// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which the threaded wasm
// build needs; without it tfjs falls back to the single-threaded SIMD build.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // the workspace packages are bundled from source, so `dev` needs no prior build and edits reload
  resolve: {
    // exact names: `@bottleneck/graph/tfjs` and each package's `/internal` are entries of their own
    alias: [
      ...['mnist', 'autoencoder', 'train', 'image', 'graph', 'engine-onnx'].flatMap((name) => [
        { find: new RegExp(`^@bottleneck/${name}$`), replacement: packageSource(name) },
        { find: new RegExp(`^@bottleneck/${name}/internal$`), replacement: packageSource(name, 'internal') },
      ]),
      { find: /^@bottleneck\/graph\/tfjs$/, replacement: packageSource('graph', 'tfjs') },
    ],
  },
  plugins: [galleryDigits(), precompressed(isolation)],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // tfjs starts its wasm threads from `factory.toString()` in a blob, so the factory must not
    // depend on its closure: the default minifier turns its `typeof _scriptDir !== 'undefined'`
    // guard into `e !== void 0`, which throws in the blob. terser can leave typeof checks alone.
    minify: 'terser',
    terserOptions: { compress: { typeofs: false } },
  },
});
