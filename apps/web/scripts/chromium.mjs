// The one home of how the web app's tests and scripts launch Chromium: the binary, the flags for a
// sandbox-less container, a fresh profile per launch (a cold HTTP cache), and the software GPUs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

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
export const WEBGL_FLAGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
/** WebGPU without a GPU: a SwiftShader adapter (a fallback adapter: correct, and very slow). */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu'];
/** Chromium's own SwiftShader Vulkan driver, which its WebGPU adapter runs on where there is no GPU. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Launches Chromium with a fresh profile directory (its `--user-data-dir`), removed on `close()`.
 * `options` are playwright's persistent-context options (viewport, colorScheme, hasTouch…).
 */
export async function launch({ webgl = true, webgpu = false, args = [], ...options } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'bottleneck-chromium-'));
  const env = { ...process.env };
  if (webgpu && !env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    env,
    args: [...CHROMIUM_FLAGS, ...(webgl ? WEBGL_FLAGS : []), ...(webgpu ? WEBGPU_FLAGS : []), ...args],
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
