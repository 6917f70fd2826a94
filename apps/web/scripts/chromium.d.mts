import type { BrowserContext, chromium } from 'playwright-core';

export declare const CHROMIUM: string;
export declare const CHROMIUM_FLAGS: readonly string[];
export declare const WEBGL_FLAGS: readonly string[];
export declare const WEBGPU_FLAGS: readonly string[];

type PersistentContextOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

export interface ChromiumOptions extends Omit<PersistentContextOptions, 'args' | 'executablePath' | 'headless'> {
  /** ANGLE on SwiftShader (default true). */
  webgl?: boolean;
  /** Expose a WebGPU adapter (SwiftShader's Vulkan where there is no GPU). */
  webgpu?: boolean;
  /** Further Chromium switches. */
  args?: string[];
}

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export declare function launch(options?: ChromiumOptions): Promise<LaunchedChromium>;
