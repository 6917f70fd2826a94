import { defineConfig, type Options } from 'tsup';

/** Source files that only tests use: never built. */
const TEST_ONLY = ['!src/**/*.test.ts', '!src/**/*.test-helper.ts', '!src/**/test-backend.ts'];

/**
 * Every package's build, for Node 20 and today's browsers: ESM (`.js`) and CommonJS (`.cjs`) with
 * sourcemaps, and type declarations (`.d.ts`, `.d.cts`) for the public `entry` points. Each source
 * module stays its own file, so a bundler keeps only the modules an app uses (the packages are
 * `sideEffects: false`): a browser app that takes `transpose` from `@bottleneck/autoencoder` does
 * not get tfjs-core with it. Both entries of a package share one copy of its classes.
 */
export function packageBuild(entry: string[], extra: Options = {}) {
  return defineConfig({
    entry: [...entry, 'src/**/*.ts', ...TEST_ONLY],
    format: ['esm', 'cjs'],
    splitting: true,
    // `import.meta.url` in the CommonJS build
    shims: true,
    dts: { entry },
    clean: true,
    sourcemap: true,
    target: 'es2022',
    ...extra,
  });
}
