import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Built files that compress well but that `vite preview` sends as they are (it compresses text
 * only): the wasm binaries (tfjs's 415 kB SIMD build is 134 kB gzipped, ONNX Runtime's 14 MB is
 * 3.6 MB). The float32 weights gain 5% and the images are gzipped already: left alone.
 */
const COMPRESSIBLE = /\.wasm$/;
/** A gzipped copy is written only where it saves at least this share of the bytes. */
const MIN_SAVING = 0.2;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Writes `file.gz` beside each compressible built file, and has `vite preview` send it (with
 * `Content-Encoding: gzip`) to browsers that accept gzip; static hosts do the same by themselves.
 */
export function precompressed(headers: Record<string, string>): Plugin {
  let outDir = '';
  let base = '/';
  return {
    name: 'bottleneck:precompressed',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      base = config.base;
    },
    writeBundle() {
      for (const path of filesUnder(outDir).filter((p) => COMPRESSIBLE.test(p))) {
        const bytes = readFileSync(path);
        const gz = gzipSync(bytes, { level: 6 });
        if (gz.length <= (1 - MIN_SAVING) * bytes.length) writeFileSync(`${path}.gz`, gz);
      }
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
        if (!accepts || !COMPRESSIBLE.test(url) || !url.startsWith(base)) return next();
        // confined to the build: a path that resolves outside it is not served from here
        const path = resolve(outDir, `.${sep}${decodeURIComponent(url.slice(base.length))}`);
        if (!path.startsWith(outDir + sep) || !existsSync(`${path}.gz`)) return next();
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        res.setHeader('Content-Type', 'application/wasm');
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Length', statSync(`${path}.gz`).size);
        createReadStream(`${path}.gz`).pipe(res);
      });
    },
  };
}
