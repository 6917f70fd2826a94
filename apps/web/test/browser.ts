import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium in a sandbox-less container. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** WebGL without a GPU: ANGLE on SwiftShader. */
const WEBGL_FLAGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Builds the app (production) and serves it with `vite preview` on a free localhost port. */
export async function buildAndServe(root: string): Promise<Served> {
  await build({ root, logLevel: 'warn' });
  const server: PreviewServer = await preview({
    root,
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report a port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches the machine's Chromium with a fresh profile directory (its `--user-data-dir`). With
 * `webgl: false` every page sees a browser without WebGL (Chromium's own switches for that do not
 * hold in headless mode here): `getContext('webgl'…)` returns null, as it does on such browsers.
 */
export async function launchChromium({ webgl = true } = {}): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'bottleneck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...WEBGL_FLAGS],
    viewport: { width: 1200, height: 900 },
  });
  if (!webgl) {
    await context.addInitScript(() => {
      for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype] as {
        getContext: (...a: unknown[]) => unknown;
      }[]) {
        const getContext = proto.getContext;
        proto.getContext = function (this: unknown, type: unknown, ...rest: unknown[]) {
          return typeof type === 'string' && type.includes('webgl') ? null : getContext.call(this, type, ...rest);
        };
      }
    });
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
