import { packageBuild } from '../../tsup.base';

export default packageBuild(['src/index.ts', 'src/bin.ts', 'src/gradient-worker.ts'], {
  dts: { entry: 'src/index.ts' },
});
