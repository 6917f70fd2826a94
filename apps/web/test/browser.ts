import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { CHROMIUM, type LaunchedChromium, launch } from '../scripts/chromium.mjs';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const root = fileURLToPath(new URL('..', import.meta.url));

// CI installs Chromium (.ci/run) and must run these; elsewhere they are skipped, with a note
export const browserMissing = !existsSync(CHROMIUM) && !process.env.CI;
if (browserMissing)
  console.warn(
    `skipping the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );

/** Where screenshots go: test-results/, or SHOTS_DIR (e.g. /tmp/web-shots) to keep them. */
export const shots = (() => {
  const dir = process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR.replace(/\/$/, '')}/` : `${root}test-results/`;
  mkdirSync(dir, { recursive: true });
  return dir;
})();

/** The served build (test/global-setup.ts). */
export const demoUrl = () => inject('demoUrl');

/** Uncaught errors of every page opened with `openDemo`. */
export const pageErrors: string[] = [];

/** Opens the demo and waits until it has rendered everything (or failed to start). */
export async function openDemo(p: Page, query = ''): Promise<void> {
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(`${demoUrl()}${query}`);
  await p.waitForSelector('body[data-ready]', { timeout: 120_000 });
  expect(await p.getAttribute('body', 'data-ready'), (await p.textContent('#fatal')) ?? '').toBe('true');
}

export const value = async (p: Page, id: string) => Number(await p.getAttribute(`#${id}`, 'data-value'));

/** Bytes of an IDX file: big-endian magic (type 0x08 = unsigned byte, then the rank) and dims. */
export function idx(rankMagic: number, dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(rankMagic, 0);
  dims.forEach((d, i) => {
    header.writeUInt32BE(d, 4 + 4 * i);
  });
  return Buffer.concat([header, data]);
}

/** The shipped model's files, as the CLI writes them to out/model. */
export const shippedModel = () => ({
  json: readFileSync(`${root}public/model/model.json`),
  weights: readFileSync(`${root}public/model/weights.bin`),
});

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

export type { LaunchedChromium as LaunchedBrowser } from '../scripts/chromium.mjs';

export interface LaunchOptions {
  webgl?: boolean;
  /** Expose Chromium's SwiftShader WebGPU adapter. */
  webgpu?: boolean;
  viewport?: { width: number; height: number };
  /** A phone: touch events, mobile viewport. */
  phone?: boolean;
}

/** A browser without WebGL: every canvas refuses a WebGL context (a script for pages and workers). */
const NO_WEBGL = `(${(
  () => {
    const protos = [globalThis.HTMLCanvasElement?.prototype, globalThis.OffscreenCanvas?.prototype];
    for (const proto of protos as ({ getContext: (...a: unknown[]) => unknown } | undefined)[]) {
      if (!proto) continue;
      const getContext = proto.getContext;
      proto.getContext = function (this: unknown, type: unknown, ...rest: unknown[]) {
        return typeof type === 'string' && type.includes('webgl') ? null : getContext.call(this, type, ...rest);
      };
    }
  }
).toString()})();`;

/**
 * Launches the machine's Chromium (scripts/chromium.mjs: a fresh profile). With `webgl: false`
 * every page sees a browser without WebGL (Chromium's own switches for that do not hold in
 * headless mode here): `getContext('webgl'…)` returns null, as it does on such browsers.
 */
export async function launchChromium({
  webgl = true,
  webgpu = false,
  viewport = { width: 1280, height: 800 },
  phone = false,
}: LaunchOptions = {}): Promise<LaunchedChromium> {
  const launched = await launch({
    webgpu,
    viewport,
    ...(phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
  });
  const { context } = launched;
  if (!webgl) {
    // the page and its workers (the page inspects the GPU APIs in one) see no WebGL
    await context.addInitScript(NO_WEBGL);
    await context.route(/worker[^/]*\.js(\?|$)/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${NO_WEBGL}\n${await response.text()}` });
    });
  }
  return launched;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core's own bundle in the page (injected from node_modules: no CDN) and logs what it finds. */
export async function axe(p: Page, where: string): Promise<AxeViolation[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await p.addScriptTag({ content: source });
  const violations = await p.evaluate(async () => {
    const run = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run;
    return (await run()).violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((n) => ({ target: n.target })),
    }));
  });
  const list = violations.map(
    (v) =>
      `\n  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} node(s): ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')})`,
  );
  console.log(`axe-core (${where}): ${violations.length} violation(s)${list.join('')}`);
  return violations;
}

/**
 * One Chromium with the demo open in one page for a whole test file: launched before its tests
 * (unless Chromium is missing), closed after them. `.page` is set once the file's first
 * `beforeAll` has run.
 */
export function demoPageForFile(options: LaunchOptions = {}): { readonly page: Page } {
  let chromium: LaunchedChromium | undefined;
  const session = { page: undefined as unknown as Page };
  beforeAll(async () => {
    if (browserMissing) return;
    chromium = await launchChromium(options);
    session.page = await chromium.context.newPage();
    await openDemo(session.page);
  });
  afterAll(async () => {
    await chromium?.close();
  });
  return session;
}

/** Opens the training section's backend panel (a details element), so its select can be used. */
export async function openTrainBackend(p: Page): Promise<void> {
  await p.evaluate(() => document.querySelector('#train details.diagnostics')?.setAttribute('open', ''));
}

/** Starts in-browser training on 1,000 images in batches of 100 (accepting the from-scratch question). */
export async function startTraining(
  p: Page,
  { epochs, mode = 'scratch', backend = 'wasm' }: { epochs: number; mode?: string; backend?: string },
): Promise<void> {
  await p.selectOption('#train-mode', mode);
  await p.selectOption('#train-count', '1000');
  await p.fill('#train-epochs', String(epochs));
  await p.fill('#train-batch', '100');
  await openTrainBackend(p);
  await p.selectOption('#train-backend', backend);
  if (mode === 'scratch') p.once('dialog', (d) => void d.accept());
  await p.click('#train-start');
}

/** What the training status keeps of a finished run: the first batch's loss and each epoch's. */
export async function finishedLosses(p: Page): Promise<{ first: number; epochs: number[] }> {
  await expect
    .poll(() => p.getAttribute('#train-status', 'data-state'), { timeout: 240_000 })
    .toMatch(/^(done|error|stopped)$/);
  expect(await p.getAttribute('#train-status', 'data-state'), (await p.textContent('#train-status')) ?? '').toBe(
    'done',
  );
  return JSON.parse((await p.getAttribute('#train-status', 'data-losses'))!);
}

/** Picks a shipped model with the keyboard (the picker is a native select) and waits for it. */
export async function pickModel(p: Page, name: string, presses: string[]): Promise<void> {
  await p.locator('#model-pick').focus();
  for (const key of presses) await p.keyboard.press(key);
  await expect.poll(() => p.getAttribute('body', 'data-model'), { timeout: 120_000 }).toBe(name);
  expect(await p.inputValue('#model-pick')).toBe(name);
}
