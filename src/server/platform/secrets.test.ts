import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../config/config.js';
import { installationSecret } from './secrets.js';

describe('installation secret', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('is generated once into the data directory, owner-only, and read back after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'madoguchi-secret-'));
    dirs.push(dir);
    const sut = await installationSecret(join(dir, 'data'));
    expect(sut.length).toBeGreaterThanOrEqual(32);
    expect(await installationSecret(join(dir, 'data'))).toBe(sut);
    expect((await stat(join(dir, 'data', '.madoguchi-secret'))).mode & 0o777).toBe(0o600);
  });

  it('MADOGUCHI_SECRET must be long enough', () => {
    expect(loadConfig({ MADOGUCHI_SECRET: 'x'.repeat(32) }).secret).toBe('x'.repeat(32));
    expect(loadConfig({}).secret).toBeNull();
    expect(() => loadConfig({ MADOGUCHI_SECRET: 'short' })).toThrow(ConfigError);
  });
});
