import { beforeAll, describe, expect, it } from 'vitest';
import type { E2eServer } from './support/server.js';
import { adminTokenOf, signIn, tokenApi, UI_TIMEOUT, useE2eStack } from './support/stack.js';

// The agent desktop's browser softphone (Twilio Voice JS SDK, issue 4): absent while the client
// company has no softphone set up; once an admin enters the Twilio API key and TwiML app, the desk
// fetches a softphone token for the agent, loads the SDK and registers a Device with it. Twilio
// itself is outside this machine, so the registration cannot succeed here: the line shows that it
// is connecting or that Twilio cannot be reached — never a broken page. What a registered softphone
// does with a ring is the pure line logic (softphone-state.test.ts).

const TENANT = 'sakura-denki';
/** Serves さくら電機 only. */
const AGENT = 'agent.sakura@mirai-cc.example.jp';

describe('the agent desktop softphone', () => {
  const stack = useE2eStack();
  let server: E2eServer;
  beforeAll(() => void ({ server } = stack()));

  it('appears once the tenant sets up a softphone, fetching a token and registering a Twilio Device', async () => {
    const page = await signIn(stack(), AGENT, '/desk');
    await page.getByRole('heading', { name: 'エージェント' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('softphone').count()).toBe(0);

    const api = tokenApi(server, await adminTokenOf(server, TENANT, 'softphone e2e'));
    const settings = await api('PUT', '/api/v1/telephony/settings', {
      twilioAccountSid: `AC${'a'.repeat(32)}`, twilioAuthToken: 'e2e-twilio-auth-token-0001',
      twilioApiKeySid: `SK${'b'.repeat(32)}`, twilioApiKeySecret: 'e2e-twilio-api-key-secret-01', twilioTwimlAppSid: `AP${'c'.repeat(32)}`,
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);

    const token = page.waitForResponse((r) => r.url().endsWith('/api/v1/agent/softphone-token'), { timeout: UI_TIMEOUT });
    await page.reload();
    expect((await token).status()).toBe(200);
    const line = page.getByTestId('softphone-line');
    await line.waitFor({ timeout: UI_TIMEOUT });
    expect(await line.count()).toBe(1);
    // The Device was created from the token and asked Twilio to register (unreachable from here).
    await expect.poll(() => line.getAttribute('data-registration'), { timeout: UI_TIMEOUT }).toMatch(/^(connecting|failed)$/);
    await expect.poll(async () => (await line.textContent()) ?? '', { timeout: UI_TIMEOUT }).toMatch(/ソフトフォン(接続中…|接続できません)/);
    expect(stack().failures).toEqual([]);

    // Switched off again: the next desk has no softphone.
    expect((await api('PUT', '/api/v1/telephony/settings', { twilioApiKeySid: null, twilioApiKeySecret: null, twilioTwimlAppSid: null })).status).toBe(200);
    // Listening before the reload: the token request may be answered before the heading shows.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/agent/softphone-token'), { timeout: UI_TIMEOUT });
    await page.reload();
    expect((await refused).status()).toBe(409);
    await page.getByRole('heading', { name: 'エージェント' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('softphone').count()).toBe(0);
  });
});
