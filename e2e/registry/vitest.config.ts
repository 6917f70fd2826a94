import { defineConfig } from 'vitest/config';

// real npm installs through a local registry: minutes, not seconds
export default defineConfig({ test: { testTimeout: 600_000, hookTimeout: 600_000 } });
