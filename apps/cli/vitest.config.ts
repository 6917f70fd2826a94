import { defineConfig } from 'vitest/config';

// the CLI tests run the built bin (turbo builds it first) and train for real, briefly
export default defineConfig({ test: { testTimeout: 180_000, hookTimeout: 180_000 } });
