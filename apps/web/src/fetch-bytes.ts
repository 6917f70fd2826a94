import { byId } from './render';

const base = import.meta.env.BASE_URL;

/** Bytes of the shipped files: expected (from Content-Length) and arrived, for the progress bar. */
const loading = { expected: new Map<string, number>(), arrived: new Map<string, number>() };

function showLoading(): void {
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const total = sum(loading.expected);
  const got = sum(loading.arrived);
  if (!total) return;
  byId<HTMLProgressElement>('loading-bar').value = Math.min(1, got / total);
  byId('loading-text').textContent =
    `loading the digits and the model: ${(got / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`;
}

/**
 * The bytes of a shipped file. With `streamed`, read chunk by chunk to move the progress bar; that
 * costs the main thread a task per chunk, so only the weights are read that way.
 */
export async function fetchBytes(path: string, { streamed = false } = {}): Promise<Uint8Array> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length'));
  const known = Number.isSafeInteger(length) && length > 0;
  if (known) loading.expected.set(path, length);
  if (!streamed || !response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (known) loading.arrived.set(path, length);
    showLoading();
    return whole;
  }
  // read as it arrives, so the bar moves (the length may be the compressed one: only a guide)
  const chunks: Uint8Array[] = [];
  let at = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    at += value.length;
    if (known) loading.arrived.set(path, Math.min(at, length));
    showLoading();
  }
  const all = new Uint8Array(at);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  return all;
}
