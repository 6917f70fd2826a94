import { defineConfig } from 'vitest/config';

// generous timeouts: CI has two cores and turbo runs several packages' tests at once
export default defineConfig({ test: { testTimeout: 60_000 } });
