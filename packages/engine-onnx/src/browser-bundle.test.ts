import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The packages a browser app's bundle of this package's main entry takes in, and their bytes. */
async function bundledPackages(): Promise<Map<string, number>> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // the app brings its ONNX Runtime (onnxruntime-web)
    external: ['onnxruntime-common', 'onnxruntime-web'],
  });
  const bytes = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'own';
      bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return bytes;
}

describe('the browser bundle of @bottleneck/engine-onnx', () => {
  it('takes neither tfjs-core (it computes nothing with it) nor protobufjs, and stays small', async () => {
    const packages = await bundledPackages();
    expect([...packages.keys()].filter((name) => /tfjs|protobufjs|long/.test(name))).toEqual([]);
    const total = [...packages.values()].reduce((a, b) => a + b, 0);
    // the engine and the graph builder (~15 kB) and the protobuf wire writer (~10 kB)
    expect(total).toBeLessThan(40_000);
  });
});
