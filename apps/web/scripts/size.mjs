// Prints the size of each built asset as served and gzipped: what a visitor downloads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../dist/', import.meta.url).pathname;
const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
let total = 0;
for (const path of files(root).sort()) {
  const bytes = readFileSync(path);
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (/\.(js|css|html)$/.test(path)) total += gz;
  console.log(
    `${(bytes.length / 1024).toFixed(1).padStart(9)} kB  ${(gz / 1024).toFixed(1).padStart(8)} kB gz  ${path.slice(root.length)}`,
  );
}
console.log(
  `${(total / 1024).toFixed(1)} kB gz of HTML, CSS and JS (the page loads one of the three .wasm files, and only when wasm runs)`,
);
