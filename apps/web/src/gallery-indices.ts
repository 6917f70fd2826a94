/** Digits per label in the gallery: five rows of 0–9. */
export const GALLERY_PER_LABEL = 5;

/** First `perLabel` indices of each label 0-9, label-major: the gallery's columns. */
export function galleryIndices(labels: Uint8Array, perLabel = GALLERY_PER_LABEL): number[] {
  const picked: number[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const list = picked[labels[i]!];
    if (list && list.length < perLabel) list.push(i);
  }
  const out: number[] = [];
  for (let r = 0; r < perLabel; r++) for (const list of picked) if (list[r] !== undefined) out.push(list[r]!);
  return out;
}
