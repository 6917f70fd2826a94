import { defineConfig } from 'vitest/config';

// unit tests run in Node; test/*.browser.test.ts build the app, serve it and drive Chromium
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // builds and serves the app once for every browser test file
    globalSetup: ['test/global-setup.ts'],
  },
});
