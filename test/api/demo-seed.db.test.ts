import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-db.js';

describe.each(testEngines())('demo seed [%s]', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('loads the demo into an empty database once, and never again', async () => {
    const first = await t.services.demoSeed.seedIfEmpty({ customersPerTenant: 20 });
    expect(first.created).toBe(true);
    expect((await t.services.tenants.list()).map((x) => x.slug)).toEqual(['hanamaru-tsuhan', 'sakura-denki']);
    const again = await t.services.demoSeed.seedIfEmpty({ customersPerTenant: 20 });
    expect(again.created).toBe(false);
    expect((await t.services.tenants.list()).length).toBe(2);
  });
});
