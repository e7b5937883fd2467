import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { ja } from './ja.js';

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('messages', () => {
  const jaKeys = keysOf(ja);

  it('has the same keys in Japanese and English', () => {
    expect(keysOf(en).sort()).toEqual([...jaKeys].sort());
  });

  it('has no empty message', () => {
    for (const key of jaKeys) {
      const pick = (tree: object) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
      expect(pick(ja), key).not.toBe('');
      expect(pick(en), key).not.toBe('');
    }
  });

  it('defines every literal key the web sources use', () => {
    const webRoot = fileURLToPath(new URL('../../', import.meta.url));
    const known = new Set(jaKeys);
    const missing: string[] = [];
    for (const file of sourceFiles(webRoot)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = match[1] ?? '';
        if (!known.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
