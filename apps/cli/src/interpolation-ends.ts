/**
 * The lab's interpolation runs from the first 7 to the first 0 of the test set. A data set
 * without those labels gets the first image and the first one of another class instead (the
 * same image twice only when every label is the same).
 */
export function interpolationEnds(labels: ArrayLike<number>): [number, number] {
  const first = (label: number) => Array.prototype.indexOf.call(labels, label) as number;
  const from = Math.max(first(7), 0);
  const zero = first(0);
  if (zero >= 0 && labels[zero] !== labels[from]) return [from, zero];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== labels[from]) return [from, i];
  return [from, from];
}
