import { spawn } from 'node:child_process';

/**
 * Runs `step` (an ES module's source that throws when the thing probed cannot run) in a child
 * Node and resolves to its error message, or undefined when it ran. What native libraries print
 * while failing (the WebGPU provider's Dawn and Vulkan lines) goes to the child's stderr, which is
 * read and dropped: the user sees only the CLI's own line.
 */
export function probeInChild(step: string, timeoutMs = 60_000): Promise<string | undefined> {
  const code = `try { ${step}; process.stdout.write(JSON.stringify({ ok: true })); } catch (error) { process.stdout.write(JSON.stringify({ error: String(error && error.message || error) })); }`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.resume();
    child.on('error', (error) => resolve(error.message));
    child.on('close', (status, signal) => {
      try {
        const result = JSON.parse(out) as { ok?: true; error?: string };
        resolve(result.ok ? undefined : (result.error ?? 'failed'));
      } catch {
        resolve(`the probe exited with ${signal ?? `code ${status}`}`);
      }
    });
  });
}
