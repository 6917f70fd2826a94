// The choice of training engine, once for the CLI (Node) and the page (a browser): which engines
// exist where, which one `auto` means, what is tried when one fails, how many threads each gets.
// Pure: loading ONNX Runtime or a tfjs backend stays with the apps.

/** Where training runs: Node (the CLI) or a browser page (its training worker). */
export type EnginePlatform = 'node' | 'browser';

/** ONNX Runtime's execution providers, as engine names: `onnx-<provider>`. */
export const ONNX_ENGINES = {
  node: ['onnx-cpu', 'onnx-webgpu', 'onnx-cuda'],
  browser: ['onnx-wasm', 'onnx-webgpu'],
} as const;

/** tfjs backends; the browser's in the order the page prefers them for its model. */
export const TFJS_ENGINES = {
  node: ['wasm', 'cpu', 'node', 'node-gpu'],
  browser: ['webgpu', 'webgl', 'wasm', 'cpu'],
} as const;

export type OnnxEngineName<P extends EnginePlatform> = (typeof ONNX_ENGINES)[P][number];
export type TfjsEngineName<P extends EnginePlatform> = (typeof TFJS_ENGINES)[P][number];
export type EngineName<P extends EnginePlatform> = OnnxEngineName<P> | TfjsEngineName<P>;
/** What a user may ask for (`--backend`, the page's backend menu). */
export type EngineChoice<P extends EnginePlatform> = 'auto' | EngineName<P>;

/** Every choice on a platform: `auto` first, then ONNX Runtime's, then tfjs's. */
export function engineChoices<P extends EnginePlatform>(platform: P): readonly EngineChoice<P>[] {
  return ['auto', ...ONNX_ENGINES[platform], ...TFJS_ENGINES[platform]] as EngineChoice<P>[];
}

export function isEngineChoice<P extends EnginePlatform>(platform: P, name: unknown): name is EngineChoice<P> {
  return (engineChoices(platform) as readonly unknown[]).includes(name);
}

export function isOnnxEngine(name: string): name is `onnx-${string}` {
  return name.startsWith('onnx-');
}

/** The ONNX Runtime execution provider of an `onnx-…` engine. */
export function onnxProvider<N extends `onnx-${string}`>(name: N): N extends `onnx-${infer P}` ? P : never {
  return name.slice('onnx-'.length) as N extends `onnx-${infer P}` ? P : never;
}

/** What is known of a browser's GPUs when `auto` is resolved there. */
export interface BrowserGpus {
  /** GPU backends on real hardware (not a software rasteriser). */
  hardware: readonly ('webgpu' | 'webgl')[];
}

/**
 * What `auto` tries. In Node, the first that loads trains: ONNX Runtime on the CPU (native,
 * fastest), else wasm workers. In a page, hardware GPU backends race wasm on a few steps and the
 * fastest trains; software GPUs are not worth a race (wasm wins ~10x there), so then wasm alone.
 */
export function autoCandidates(platform: 'node'): readonly EngineName<'node'>[];
export function autoCandidates(platform: 'browser', gpus: BrowserGpus): readonly EngineName<'browser'>[];
export function autoCandidates(platform: EnginePlatform, gpus?: BrowserGpus): readonly string[] {
  if (platform === 'node') return ['onnx-cpu', 'wasm'];
  return [...(gpus?.hardware ?? []), 'wasm'];
}

/**
 * The engines tried, in turn, for a choice that is not `auto` in a page: the one asked for, then
 * wasm and plain JS, which run everywhere (an ONNX engine falls back to ONNX Runtime's wasm first).
 * In Node a choice made by hand is not swapped for another: it runs or says why not.
 */
export function fallbackOrder<P extends EnginePlatform>(platform: P, name: EngineName<P>): readonly EngineName<P>[] {
  if (platform === 'node') return [name];
  const order: string[] = [name];
  if (name === 'onnx-webgpu') order.push('onnx-wasm');
  order.push('wasm', 'cpu');
  return [...new Set(order)] as EngineName<P>[];
}

export interface ThreadFacts {
  /** Cores here (`availableParallelism()`, `navigator.hardwareConcurrency`). */
  cores: number;
  /** Threads asked for (`--threads`); the rules below when absent. */
  requested?: number;
  /** A page's SharedArrayBuffer, which threaded wasm and worker pools need (COOP + COEP). */
  crossOriginIsolated?: boolean;
}

/**
 * Threads for an engine: ONNX Runtime's one intra-op pool gets every core (in a page, only when
 * cross-origin isolated, else its wasm runs one thread); tfjs wasm/cpu get a pool of gradient
 * workers (in Node at most 4, where the gradient reduction starts to cost more than it saves);
 * GPU and native tfjs backends thread their own kernels, so workers would only compete with them.
 */
export function engineThreads(platform: EnginePlatform, choice: string, facts: ThreadFacts): number {
  const { cores, requested, crossOriginIsolated = false } = facts;
  if (platform === 'node') {
    if (isOnnxEngine(choice) || choice === 'auto') return requested ?? cores;
    if (choice === 'wasm' || choice === 'cpu') return requested ?? Math.min(4, cores);
    return 1;
  }
  if (!crossOriginIsolated) return 1;
  if (choice === 'onnx-wasm' || choice === 'wasm') return Math.max(1, requested ?? cores);
  return 1;
}
