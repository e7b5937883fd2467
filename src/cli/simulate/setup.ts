import { randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/client.js';
import type { Services } from '../../server/services.js';
import { hashPassword } from '../../server/platform/secrets.js';
import { newId } from '../../server/platform/ids.js';
import { SESSION_COOKIE } from '../../server/platform/access.plugin.js';
import { createUserRepository } from '../../server/features/users/user.repository.js';
import { streamRand } from '../../core/simulation/distributions.js';
import type { SimCustomerKey, SimTenant } from '../../core/simulation/caller-generator.js';
import type { SimChannel } from '../../core/simulation/sim-params.js';
import type { QueueBody, SkillBody } from './api-types.js';
import { ApiClient, ApiError } from './http-client.js';
import { createSimRepository } from './sim.repository.js';
import { prepareVoiceLine, type VoiceLine } from './voice-line.js';

/**
 * Gets a tenant ready for simulated traffic. Rows only the database can take (users, passwords,
 * memberships, tokens) are written directly; the routing configuration (agent capacity and skills,
 * a queue if the tenant has none) goes through the running server's admin API, so its engine
 * reloads and the simulated agents can be routed at once.
 */

/** The client companies of the demo data (src/server/features/demo/demo-data.ts). */
export const DEMO_TENANT_SLUGS = ['sakura-denki', 'hanamaru-tsuhan'] as const;
export const SIM_EMAIL_DOMAIN = 'sim.madoguchi.local';
const GIVEN_NAMES = ['太郎', '花子', '次郎', '桜', '健太', '美咲', '翔太', '陽菜', '大輔', '結衣', '蓮', '葵'];
/** Voice 1, chat 2, and not both at once ("1 call OR 2 chats"). */
const SIM_CAPACITY = { voice: 1, chat: 2, email: 0, line: 0, web: 0 };
const CUSTOMER_SAMPLE = 200;
export const DEFAULT_QUEUE_NAME = 'シミュレーション';

export interface SimAccount {
  index: number;
  userId: string;
  email: string;
  displayName: string;
}

export interface PreparedTenant extends SimTenant {
  id: string;
  name: string;
  /** Bearer client with `contacts:create` (a supervisor token of this run). */
  contacts: ApiClient;
  serviceLevelSec: number;
  /** The phone line simulated calls dial (with `voiceLine`), else null. */
  voiceLine: VoiceLine | null;
  /** The CTI token simulated PBX events are posted with (with `ctiLine`), else null. */
  ctiToken: string | null;
}

export interface Prepared {
  tenants: PreparedTenant[];
  accounts: SimAccount[];
  /** This run's password of every simulated agent (kept in memory only). */
  password: string;
  /** Clears the Twilio credentials this run set, revokes this run's tokens. */
  close(): Promise<void>;
}

export interface SetupDeps {
  services: Services;
  db: Db;
  baseUrl: string;
  log(line: string): void;
}

export interface SetupOptions {
  /** Tenant slugs; null = the demo tenants present, else every tenant. */
  tenants: readonly string[] | null;
  agents: number;
  channels: readonly SimChannel[];
  seed: number;
  /** Capacity of each simulated agent (default: voice 1, chat 2). */
  capacity?: Partial<typeof SIM_CAPACITY>;
  /** Use exactly this skill level in every required skill (default: the minimum plus 0–2). */
  fixedLevel?: number;
  /**
   * respect (default): contacts go to the tenant's queues, which answer "closed" outside business
   * hours. ignore: contacts go to a queue 「シミュレーション」 without hours (created if missing).
   */
  hours?: 'respect' | 'ignore';
  /** Timeout of the contact-creating client's requests (default 15 s). */
  requestTimeoutMs?: number;
  /**
   * Publish the simulation phone line (voice-line.ts) of each tenant on its queues and make sure
   * the tenant has a Twilio auth token to sign simulated calls with.
   */
  voiceLine?: boolean;
  /**
   * Calls come from a simulated PBX through the CTI webhook: every simulated agent gets the
   * extension `simExtension(index)`, and each tenant a CTI token — `token` when given (the tenant's
   * own), else one issued for this run and removed at close. A tenant that already has a token
   * (a real PBX may use it) needs `token`.
   */
  ctiLine?: { token?: string | undefined };
}

export const simExtension = (i: number) => `sim-${String(i).padStart(3, '0')}`;

export const simEmail = (i: number, width: number) => `sim-agent-${String(i).padStart(width, '0')}@${SIM_EMAIL_DOMAIN}`;
export const simDisplayName = (i: number, width: number) => `シミュ ${GIVEN_NAMES[(i - 1) % GIVEN_NAMES.length]}${String(i).padStart(width, '0')}`;

async function resolveTenants(services: Services, slugs: readonly string[] | null) {
  if (slugs && slugs.length) return Promise.all(slugs.map((s) => services.tenants.getBySlug(s)));
  const demo = (await Promise.all(DEMO_TENANT_SLUGS.map((s) => services.tenants.findBySlug(s)))).filter((t) => t !== null);
  if (demo.length) return demo;
  const all = await services.tenants.list();
  if (all.length === 0) throw new Error('The database has no tenant: run `madoguchi seed-demo` or `madoguchi tenant create` first.');
  return all;
}

export async function prepareSimulation(deps: SetupDeps, opts: SetupOptions): Promise<Prepared> {
  const { services, db, baseUrl, log } = deps;
  const repo = createSimRepository(db);
  const users = createUserRepository(db);
  const tenantRows = await resolveTenants(services, opts.tenants);
  const tokenIds: string[] = [];
  const adminTokenIds: string[] = [];
  const lines: VoiceLine[] = [];
  const issuedCtiTokens: string[] = []; // tenant ids
  const close = async () => {
    const restored = await Promise.allSettled([...lines.map((l) => l.restore()), ...issuedCtiTokens.map((id) => repo.clearCtiToken(id))]);
    await repo.revokeTokens(tokenIds, new Date());
    const failed = restored.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  };

  try {
    // ——— the simulated agents: created once, new password every run, agent of every simulated tenant
    const width = Math.max(2, String(opts.agents).length);
    const wanted = Array.from({ length: opts.agents }, (_, k) => ({ index: k + 1, email: simEmail(k + 1, width), displayName: simDisplayName(k + 1, width) }));
    const password = randomBytes(24).toString('base64url');
    const passwordHash = await hashPassword(password);
    const existing = new Map((await repo.usersByEmail(wanted.map((w) => w.email))).map((u) => [u.email, u]));
    const accounts: SimAccount[] = [];
    for (const w of wanted) {
      let u = existing.get(w.email);
      if (!u) {
        const row = await users.insert({ id: newId(), email: w.email, displayName: w.displayName, locale: 'ja', passwordHash });
        u = row ?? (await repo.usersByEmail([w.email]))[0];
      } else if (u.displayName !== w.displayName) await repo.renameUser(u.id, w.displayName);
      if (!u) throw new Error(`could not create ${w.email}`);
      accounts.push({ index: w.index, userId: u.id, email: w.email, displayName: w.displayName });
    }
    await repo.setPasswordHash(accounts.map((a) => a.userId), passwordHash);
    for (const t of tenantRows) for (const a of accounts) await users.upsertMembership(a.userId, t.id, 'agent');

    const tenants: PreparedTenant[] = [];
    for (const t of tenantRows) {
      // ——— routing configuration through the server (admin token of this run, revoked below)
      const adminToken = await services.auth.createApiToken({ tenantId: t.id, role: 'admin', name: 'simulator setup' });
      adminTokenIds.push(adminToken.id);
      tokenIds.push(adminToken.id);
      const admin = new ApiClient(baseUrl, { bearer: adminToken.token });
      let queues: QueueBody[];
      let skills: SkillBody[];
      try {
        [queues, skills] = await Promise.all([
          admin.get<{ items: QueueBody[] }>('/api/v1/routing/queues').then((r) => r.items),
          admin.get<{ items: SkillBody[] }>('/api/v1/routing/skills').then((r) => r.items),
        ]);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) {
          throw new Error(`The server at ${baseUrl} does not know a token just written to this command's database: it runs on another database (check DATABASE_URL / MADOGUCHI_DATA_DIR).`);
        }
        throw err;
      }
      if (opts.hours === 'ignore') {
        const names = [DEFAULT_QUEUE_NAME, `${DEFAULT_QUEUE_NAME}（24時間）`];
        const own = queues.find((q) => names.includes(q.name) && !q.hoursId);
        if (own) queues = [own];
        else {
          const q = await admin.post<QueueBody>('/api/v1/routing/queues', { name: names.find((n) => !queues.some((x) => x.name === n)) ?? `${DEFAULT_QUEUE_NAME}-${Date.now()}` });
          log(`  ${t.slug}: created the queue 「${q.name}」 (always open, no required skills) for --hours ignore`);
          queues = [q];
        }
      } else if (queues.length === 0) {
        const q = await admin.post<QueueBody>('/api/v1/routing/queues', { name: DEFAULT_QUEUE_NAME });
        log(`  ${t.slug}: no routing queue yet; created 「${q.name}」 (always open, no required skills)`);
        queues = [q];
      }
      const required = new Map<string, number>();
      for (const q of queues) for (const r of q.requiredSkills) required.set(r.skillId, Math.max(required.get(r.skillId) ?? 1, r.minLevel));
      const levels = streamRand(opts.seed, `levels:${t.slug}`);
      for (const a of accounts) {
        const skillList = [...required].map(([skillId, min]) => ({ skillId, level: opts.fixedLevel ?? Math.min(10, min + Math.floor(levels() * 3)) }));
        await admin.put(`/api/v1/routing/agents/${a.userId}`, {
          capacity: { ...SIM_CAPACITY, ...opts.capacity }, voiceBlocksOthers: true, othersBlockVoice: true, skills: skillList,
          ...(opts.ctiLine ? { extension: simExtension(a.index) } : {}),
        });
      }
      const names = new Map(skills.map((s) => [s.id, s.name]));
      log(`  ${t.slug}: ${queues.length} queue(s) (${queues.map((q) => q.name).join(', ')}); agents get ${required.size ? [...required.keys()].map((id) => names.get(id) ?? id).join(', ') : 'no skills (none required)'}`);

      // ——— the phone line, through an admin token kept until close() (it clears what it set)
      let voiceLine: VoiceLine | null = null;
      if (opts.voiceLine) {
        const lineToken = await services.auth.createApiToken({ tenantId: t.id, role: 'admin', name: 'simulator phone line' });
        tokenIds.push(lineToken.id);
        voiceLine = await prepareVoiceLine({ admin: new ApiClient(baseUrl, { bearer: lineToken.token }), repo, log }, t, queues);
        lines.push(voiceLine);
      }

      // ——— the simulated PBX's CTI token
      let ctiToken: string | null = null;
      if (opts.ctiLine) {
        if (opts.ctiLine.token) {
          const owner = await services.telephonySettings.resolveCtiToken(opts.ctiLine.token);
          if (owner?.tenant.id !== t.id) throw new Error(`--cti-token is not ${t.slug}'s CTI token`);
          ctiToken = opts.ctiLine.token;
        } else if (await repo.hasCtiToken(t.id)) {
          throw new Error(`${t.slug} already has a CTI token (a PBX may be using it): pass it with --cti-token to simulate calls with it`);
        } else {
          ctiToken = (await admin.post<{ token: string }>('/api/v1/telephony/cti-token')).token;
          issuedCtiTokens.push(t.id);
          log(`  ${t.slug}: issued a CTI token for this run (removed at the end); agents' extensions ${simExtension(1)}…`);
        }
      }

      // ——— contacts come in with a supervisor token (contacts:create)
      const contactToken = await services.auth.createApiToken({ tenantId: t.id, role: 'supervisor', name: 'simulator contacts' });
      tokenIds.push(contactToken.id);
      const customers: SimCustomerKey[] = await repo.customerKeys(t.id, CUSTOMER_SAMPLE);
      tenants.push({
        id: t.id, slug: t.slug, name: t.name, queues: queues.map((q) => ({ id: q.id, name: q.name })), customers,
        contacts: new ApiClient(baseUrl, { bearer: contactToken.token, ...(opts.requestTimeoutMs ? { timeoutMs: opts.requestTimeoutMs } : {}) }),
        serviceLevelSec: queues[0]?.serviceLevelSec ?? 20, voiceLine, ctiToken,
      });
    }
    await repo.revokeTokens(adminTokenIds, new Date());
    return { tenants, accounts, password, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/**
 * Signs a simulated agent in over HTTP. When the server's login rate limit (per IP) refuses, the
 * session is minted through the auth service of this process instead (same check, same session
 * row) and the CSRF token fetched over HTTP.
 */
export async function signIn(
  services: Services, baseUrl: string, account: SimAccount, password: string, opts: { timeoutMs?: number } = {},
): Promise<{ client: ApiClient; via: 'http' | 'service' }> {
  const clientOpts = { userAgent: 'madoguchi-simulator', ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) };
  const client = new ApiClient(baseUrl, clientOpts);
  try {
    await client.login(account.email, password);
    return { client, via: 'http' };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 429) throw err;
  }
  const { secret } = await services.auth.login({ email: account.email, password, ip: '127.0.0.1', userAgent: 'madoguchi-simulator' });
  const fresh = new ApiClient(baseUrl, clientOpts);
  await fresh.adoptSession(SESSION_COOKIE, secret);
  return { client: fresh, via: 'service' };
}
