/** Magic numbers of files people pick by mistake, to say what a refused file looks like. */
const KINDS: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive'],
  [[0x1f, 0x8b], 'a gzip file'],
  [[0x7b], 'a JSON or text file'],
];

/** What the first bytes say the file is (e.g. "a PNG image"), or null when they say nothing known. */
export function describeBytes(bytes: Uint8Array): string | null {
  for (const [magic, kind] of KINDS) if (magic.every((b, i) => bytes[i] === b)) return kind;
  return null;
}
