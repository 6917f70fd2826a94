import { defineConfig } from 'vitest/config';

// generous timeouts: CI has two cores and turbo runs several packages' tests at once
export default defineConfig({ test: { setupFiles: ['./src/test-backend.ts'], testTimeout: 120_000 } });
