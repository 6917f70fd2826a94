import { defineConfig } from 'vitest/config';

// unit tests run in Node; test/*.browser.test.ts build the app, serve it and drive Chromium
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // the page spreads its work over short tasks to stay responsive: on a loaded 2-core machine a
    // view can take seconds to settle, so a poll waits for it longer than vitest's 1 s
    expect: { poll: { timeout: 30_000 } },
    // builds and serves the app once for every browser test file
    globalSetup: ['test/global-setup.ts'],
  },
});
