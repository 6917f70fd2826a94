import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What an install put on disk. */
export interface InstalledTree {
  /** Bytes of every regular file (apparent sizes, as `du -b` counts them). */
  bytes: number;
  /** Every package folder's name, nested ones included (`@scope/name`). */
  packages: Set<string>;
  /** Native addons (`*.node`) and shared libraries, relative to the root. */
  natives: string[];
}

const NATIVE = /\.(node|so(\.\d+)*|dylib|dll)$/;

/** Walks a `node_modules` folder without following links. */
export function installedTree(root: string): InstalledTree {
  const tree: InstalledTree = { bytes: 0, packages: new Set(), natives: [] };
  // `scope` is set while listing a node_modules folder ('') or one of its @scope folders
  const walk = (dir: string, rel: string, scope: string | undefined) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (scope === '' && entry.name.startsWith('@')) {
          walk(path, relPath, entry.name);
          continue;
        }
        if (scope !== undefined && !entry.name.startsWith('.')) {
          tree.packages.add(scope ? `${scope}/${entry.name}` : entry.name);
        }
        walk(path, relPath, entry.name === 'node_modules' ? '' : undefined);
      } else if (entry.isFile()) {
        tree.bytes += lstatSync(path).size;
        if (NATIVE.test(entry.name)) tree.natives.push(relPath);
      }
    }
  };
  walk(root, '', '');
  return tree;
}
