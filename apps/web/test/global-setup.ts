import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildAndServe, type Served } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build, served by `vite preview` for every browser test file. */
    demoUrl: string;
  }
}

let served: Served | undefined;

/** One build and one server for all browser test files (each build takes ~20 s on 2 cores). */
export async function setup(project: TestProject): Promise<void> {
  // DEMO_URL runs the tests against a page served elsewhere (e.g. an older build, to see them fail)
  if (process.env.DEMO_URL) {
    project.provide('demoUrl', process.env.DEMO_URL);
    return;
  }
  served = await buildAndServe(fileURLToPath(new URL('..', import.meta.url)));
  project.provide('demoUrl', served.url);
}

export async function teardown(): Promise<void> {
  await served?.close();
}
