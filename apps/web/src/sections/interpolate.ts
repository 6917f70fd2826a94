import { interpolateLatents } from '@bottleneck/image';
import type { App } from '../app';
import { byId, digitCanvas, paintDigit, row } from '../render';

/** The value of the ends' option that stands for the drawing of section 5. */
const DRAWING = 'drawing';

/**
 * Decodes the straight line between the codes of two digits. Each digit selected anywhere on the
 * page becomes B and the one before it A, so two clicks pick both ends; the lists pick them too,
 * and a drawing can be sent here as B.
 */
export function interpolateSection(app: App) {
  const a = byId<HTMLSelectElement>('interp-a');
  const b = byId<HTMLSelectElement>('interp-b');
  const steps = byId<HTMLInputElement>('interp-steps');
  const stepsOut = byId<HTMLOutputElement>('interp-steps-out');
  const t = byId<HTMLInputElement>('interp-t');
  let codes: [Float32Array, Float32Array] | null = null;
  let drawing: Float32Array | null = null;

  const name = (i: number) => `${app.digits.labels[i]} (#${i})`;

  /** An option for this digit in both lists (a map pick may be a digit the gallery does not show). */
  function ensureOption(value: string, text: string): void {
    for (const select of [a, b]) {
      const existing = [...select.options].find((o) => o.value === value);
      if (existing) existing.text = text;
      else select.add(new Option(text, value));
    }
  }

  /** Offers the gallery's digits; defaults to the first 1 and the first 7. */
  function setChoices(indices: number[]): void {
    for (const select of [a, b]) {
      select.replaceChildren(...indices.map((i) => new Option(name(i), String(i))));
    }
    drawing = null;
    const first = (label: number) => indices.find((i) => app.digits.labels[i] === label) ?? indices[0] ?? 0;
    a.value = String(first(1));
    b.value = String(first(7));
  }

  function imageOf(value: string): Float32Array {
    return value === DRAWING && drawing ? drawing : app.digits.toFloat32(Number(value), 1);
  }

  function labelOf(select: HTMLSelectElement): string {
    return select.selectedOptions[0]?.text ?? '–';
  }

  async function render(): Promise<void> {
    stepsOut.value = steps.value;
    const x = new Float32Array(2 * app.lab.inputSize);
    x.set(imageOf(a.value), 0);
    x.set(imageOf(b.value), app.lab.inputSize);
    const { codes: z } = await app.lab.reconstruct(x, 2);
    const k = app.lab.codeSize;
    codes = [z.slice(0, k), z.slice(k, 2 * k)];
    const n = Number(steps.value);
    const path = interpolateLatents(codes[0], codes[1], n);
    const decoded = await app.lab.decode(Float32Array.from(path.flat()), path.length);
    paintDigit(byId<HTMLCanvasElement>('interp-a-img'), x.subarray(0, app.lab.inputSize));
    paintDigit(byId<HTMLCanvasElement>('interp-b-img'), x.subarray(app.lab.inputSize));
    byId('interp-a-label').textContent = labelOf(a);
    byId('interp-b-label').textContent = labelOf(b);
    byId('interp-strip').replaceChildren(
      ...path.map((_, i) => digitCanvas(row(decoded, i, app.lab.inputSize), `i = ${i}/${n}`)),
    );
    byId('interp-strip').style.setProperty('--n', String(path.length));
    byId('interp-strip').setAttribute('aria-label', `${n + 1} decoded steps from ${labelOf(a)} to ${labelOf(b)}`);
    await renderT();
  }

  async function renderT(): Promise<void> {
    if (!codes) return;
    const [z1, z2] = codes;
    const s = Number(t.value);
    const z = z1.map((v, j) => v + s * (z2[j]! - v));
    paintDigit(byId<HTMLCanvasElement>('interp-t-output'), await app.lab.decode(z, 1));
  }

  /** A new selection: B moves to A, and the new digit (or the drawing) becomes B. */
  function pushEnd(value: string, text: string): void {
    ensureOption(value, text);
    if (b.value !== value) a.value = b.value;
    b.value = value;
  }

  for (const el of [a, b, steps]) el.addEventListener('input', () => void render());
  t.addEventListener('input', () => void renderT());
  return {
    setChoices,
    render,
    /** The page's selection changed (gallery, map): it becomes B. */
    async selected(index: number): Promise<void> {
      pushEnd(String(index), name(index));
      await render();
    },
    /** The drawing of section 5 becomes B. */
    async useDrawing(x: Float32Array): Promise<void> {
      drawing = x.slice();
      pushEnd(DRAWING, 'your drawing');
      await render();
    },
  };
}
