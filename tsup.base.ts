import { defineConfig, type Options } from 'tsup';

/** Every package's build: ESM and type declarations for each entry, for Node 20 and today's browsers. */
export function packageBuild(entry: string[], extra: Options = {}) {
  return defineConfig({ entry, format: ['esm'], dts: true, clean: true, sourcemap: false, target: 'es2022', ...extra });
}
