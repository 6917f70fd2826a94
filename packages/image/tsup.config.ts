import { packageBuild } from '../../tsup.base';

const entry = ['src/index.ts', 'src/node.ts', 'src/internal.ts'];

// d3-scale is published as ES modules only: the CommonJS build carries its own copy of it, so that
// `require('@bottleneck/image')` works on every Node 20, not only where Node can require ESM
export default [
  packageBuild(entry, { format: ['esm'] }),
  packageBuild(entry, { format: ['cjs'], noExternal: [/^d3-/, 'internmap'], clean: false }),
];
