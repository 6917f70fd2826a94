// Shared by the CLI's tests: run the built `bottleneck` as a user would, and the bar every bad
// input must meet.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/bin.js …args` to the end (at most two minutes). */
export function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], { maxBuffer: 1 << 24, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** One line on stderr (commander adds "(run with --help for usage)"), no stack trace, exit 2. */
export function expectInputError(run: Run, pattern: RegExp): void {
  expect(run.stderr).toMatch(pattern);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}
