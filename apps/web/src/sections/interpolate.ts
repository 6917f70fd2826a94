import { interpolateLatents } from '@bottleneck/image';
import type { App } from '../app';
import { byId, digitCanvas, paintDigit, row } from '../render';

/** Decodes the straight line between the codes of two chosen digits. */
export function interpolateSection(app: App) {
  const a = byId<HTMLSelectElement>('interp-a');
  const b = byId<HTMLSelectElement>('interp-b');
  const steps = byId<HTMLInputElement>('interp-steps');
  const stepsOut = byId<HTMLOutputElement>('interp-steps-out');
  const t = byId<HTMLInputElement>('interp-t');
  let codes: [Float32Array, Float32Array] | null = null;

  /** Offers the gallery's digits; defaults to the first 1 and the first 7. */
  function setChoices(indices: number[]): void {
    for (const select of [a, b]) {
      select.replaceChildren(...indices.map((i) => new Option(`${app.digits.labels[i]} (#${i})`, String(i))));
    }
    const first = (label: number) => indices.find((i) => app.digits.labels[i] === label) ?? indices[0] ?? 0;
    a.value = String(first(1));
    b.value = String(first(7));
  }

  async function render(): Promise<void> {
    stepsOut.value = steps.value;
    const x = new Float32Array(2 * app.lab.inputSize);
    app.digits.fillBatch([Number(a.value), Number(b.value)], x);
    const { codes: z } = await app.lab.reconstruct(x, 2);
    const k = app.lab.codeSize;
    codes = [z.slice(0, k), z.slice(k, 2 * k)];
    const n = Number(steps.value);
    const path = interpolateLatents(codes[0], codes[1], n);
    const decoded = await app.lab.decode(Float32Array.from(path.flat()), path.length);
    byId('interp-strip').replaceChildren(
      ...path.map((_, i) => digitCanvas(row(decoded, i, app.lab.inputSize), `i = ${i}/${n}`)),
    );
    await renderT();
  }

  async function renderT(): Promise<void> {
    if (!codes) return;
    const [z1, z2] = codes;
    const s = Number(t.value);
    const z = z1.map((v, j) => v + s * (z2[j]! - v));
    paintDigit(byId<HTMLCanvasElement>('interp-t-output'), await app.lab.decode(z, 1));
  }

  for (const el of [a, b, steps]) el.addEventListener('input', () => void render());
  t.addEventListener('input', () => void renderT());
  return { setChoices, render };
}
