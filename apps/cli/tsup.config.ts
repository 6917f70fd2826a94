import { packageBuild } from '../../tsup.base';

export default packageBuild(['src/index.ts', 'src/bin.ts', 'src/gradient-worker.ts'], {
  dts: { entry: 'src/index.ts' },
  // optional: loaded on demand, and absent where its native library could not be installed
  external: ['@bottleneck/engine-onnx'],
});
