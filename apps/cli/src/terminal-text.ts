/**
 * Control characters: C0 (newline, escape, …), DEL, C1, the line and paragraph separators and the
 * bidirectional overrides. Echoed raw they would move the cursor, retitle or clear the terminal,
 * forge a second "bottleneck: …" line or reorder what is shown.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from files, folders or flags made safe to print: every control character becomes a visible
 * escape (`\n`, `\x1b`, `\u202e`), so one line stays one line and nothing reaches the terminal as
 * a command. The one helper for everything the CLI echoes.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Prints one line on standard output, escaped. */
export function say(line: string): void {
  console.log(escapeForTerminal(line));
}

/** Prints a block of lines (a table), each escaped. */
export function sayLines(text: string): void {
  for (const line of text.split('\n')) say(line);
}
