import { defineConfig } from 'vitest/config';

// real npm installs through a local registry: minutes, not seconds; the packages installed alone
// go three at a time (npm mostly waits on the network and the disk)
export default defineConfig({ test: { testTimeout: 600_000, hookTimeout: 600_000, maxConcurrency: 3 } });
