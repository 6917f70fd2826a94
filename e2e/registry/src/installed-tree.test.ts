import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { installedTree } from './installed-tree';

it('counts file bytes, names nested and scoped packages, finds native addons, follows no links', () => {
  const root = join(mkdtempSync(join(tmpdir(), 'tree-')), 'node_modules');
  const file = (path: string, bytes: number) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), new Uint8Array(bytes));
  };
  file('a/package.json', 10);
  file('@s/b/index.js', 20);
  file('@s/b/node_modules/c/bin/addon.node', 30);
  file('.bin/tool', 5);
  symlinkSync(join(root, 'a'), join(root, 'link'));
  const tree = installedTree(root);
  expect(tree.bytes).toBe(65);
  expect([...tree.packages].sort()).toEqual(['@s/b', 'a', 'c']);
  expect(tree.natives).toEqual(['@s/b/node_modules/c/bin/addon.node']);
});
