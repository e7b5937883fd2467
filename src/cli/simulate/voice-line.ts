import { randomBytes } from 'node:crypto';
import type { IvrFlow, IvrNode } from '../../core/ivr/ivr.types.js';
import { formatPhoneNational } from '../../core/text-ja/phone.util.js';
import { normalizeSerial } from '../../core/text-ja/serial.util.js';
import { ApiError, type ApiClient } from './http-client.js';
import type { SimRepository } from './sim.repository.js';

/**
 * The simulator's phone line: an IVR flow 「シミュレーション回線」 published on a number of its own
 * (050-5550-0001 … -0099, the first one no flow answers yet), bound to the tenant's queues, and the
 * Twilio auth token its webhooks are signed with. Everything goes through the admin API (the
 * server validates and audits it); only an existing auth token is read from the database, since the
 * API never shows it. The bench (bench/voice.bench.ts) uses the same line.
 *
 *   welcome → menu: 1 製造番号 → gather serial → lookup ─found→ hours → queue 1
 *                   │                                 └notFound→ 「見つかりませんでした」→ menu
 *                   0 → hours → queue 1;  2…8 → hours → queues 2…8;  9 → menu again;  no key → queue 1
 *   hours closed → 「本日の受付は終了しました」, hang up
 */

export const SIM_LINE_FLOW_NAME = 'シミュレーション回線';
/** Candidate numbers (valid Japanese 050 numbers per libphonenumber), tried in order. */
export const SIM_LINE_NUMBERS: readonly string[] = Array.from({ length: 99 }, (_, i) => `+8150555${String(i + 1).padStart(5, '0')}`);
/** The account SID set when the tenant has no Twilio account: recognizable, and cleared again at the end. */
export const SIM_TWILIO_ACCOUNT_SID = `AC${'0'.repeat(30)}51`;
/** The menu key that asks for a serial number. */
export const SERIAL_KEY = '1';
export const SIM_LINE_TEXTS = {
  closed: '本日の受付は終了しました。またのお電話をお待ちしております。',
  unknownSerial: '製造番号が確認できませんでした。',
} as const;
const MAX_QUEUES = 8;

/** The key of the i-th queue in the menu: 0 for the first, 2–8 for the next ones. */
const queueKey = (i: number) => (i === 0 ? '0' : String(i + 1));

export function simLineFlow(companyName: string, queues: readonly { id: string; name: string }[]): IvrFlow {
  const reachable = queues.slice(0, MAX_QUEUES);
  if (reachable.length === 0) throw new Error('simLineFlow: no queue');
  const choices = reachable.map((q, i) => `${q.name}へのお問い合わせは${queueKey(i)}を`);
  const nodes: IvrNode[] = [
    { type: 'say', id: 'welcome', text: `お電話ありがとうございます。${companyName}です。`, next: 'main' },
    {
      type: 'menu', id: 'main', prompt: `製造番号をお持ちの方は${SERIAL_KEY}を、${choices.join('、')}、もう一度お聞きになる場合は9を押してください。`,
      options: [{ key: SERIAL_KEY, next: 'serial' }, ...reachable.map((_, i) => ({ key: queueKey(i) as '0', next: `open-${i}` })), { key: '9', next: 'main' }],
      timeoutSec: 8, retries: 2, onFail: 'open-0',
    },
    { type: 'gather', id: 'serial', prompt: '製品の製造番号の数字を入力し、最後に#を押してください。', into: 'serial', minDigits: 6, maxDigits: 16, timeoutSec: 15, retries: 1, next: 'find', onFail: 'open-0' },
    { type: 'lookup', id: 'find', by: 'serial', found: 'open-0', notFound: 'unknown' },
    { type: 'say', id: 'unknown', text: SIM_LINE_TEXTS.unknownSerial, next: 'main' },
    ...reachable.flatMap((q, i): IvrNode[] => [
      { type: 'hours', id: `open-${i}`, calendar: q.id, open: `queue-${i}`, closed: 'closed' },
      { type: 'enqueue', id: `queue-${i}`, queueId: q.id, text: '担当者におつなぎします。' },
    ]),
    { type: 'hangup', id: 'closed', text: SIM_LINE_TEXTS.closed },
  ];
  return { start: 'welcome', nodes };
}

export interface VoiceLine {
  /** The dialled number (E.164). */
  number: string;
  accountSid: string;
  authToken: string;
  /** Menu key of each queue the line reaches (queues past the eighth are not on the menu). */
  queueKeys: ReadonlyMap<string, string>;
  /** The queue of the serial path, of key 0 and of callers who press nothing. */
  primaryQueueId: string;
  /** Clears the Twilio credentials this run set (nothing when the tenant had its own). */
  restore(): Promise<void>;
}

/**
 * What a caller keys for a queue: the serial path when the call is for the first queue and the
 * serial has 6–16 digits (a serial keyed on a phone is its digits: SR4501-23A-00417 → 45012300417),
 * else the queue's key. `fallbackKey` is pressed when the menu comes back (an unknown serial).
 */
export function lineKeys(line: Pick<VoiceLine, 'queueKeys' | 'primaryQueueId'>, call: { queueId: string; serial?: string | null }): { keys: string[]; fallbackKey: string } {
  const target = line.queueKeys.get(call.queueId) ?? line.queueKeys.get(line.primaryQueueId)!;
  const digits = call.serial ? normalizeSerial(call.serial).replace(/\D/g, '') : '';
  const keyable = target === line.queueKeys.get(line.primaryQueueId) && digits.length >= 6 && digits.length <= 16;
  return { keys: keyable ? [SERIAL_KEY, `${digits}#`] : [target], fallbackKey: target };
}

interface FlowSummary { id: string; name: string; numbers: string[]; latestVersion: number; publishedVersion: number | null }
interface FlowBody extends FlowSummary { published: { version: number; flow: IvrFlow } | null; latest: { version: number; problems: { code: string; nodeId: string | null }[] } }

/** Same JSON whatever the key order (the server answers in its schema's order). */
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
const isNumberTaken = (err: unknown) => err instanceof ApiError && err.status === 409;

/**
 * Publishes the simulation line of a tenant (created, or updated when its queues changed) and makes
 * sure the tenant has a Twilio auth token. `admin` must stay valid until `restore()`.
 */
export async function prepareVoiceLine(
  deps: { admin: ApiClient; repo: Pick<SimRepository, 'twilioAccountOf'>; log(line: string): void },
  tenant: { id: string; slug: string; name: string },
  queues: readonly { id: string; name: string }[],
): Promise<VoiceLine> {
  const { admin } = deps;
  const flow = simLineFlow(tenant.name, queues);

  // ——— the flow on its number
  const existing = (await admin.get<FlowSummary[]>('/api/v1/ivr-flows')).find((f) => f.name === SIM_LINE_FLOW_NAME);
  let body: FlowBody | null = existing ? await admin.get<FlowBody>(`/api/v1/ivr-flows/${existing.id}`) : null;
  let number = body?.numbers[0] ?? null;
  const upToDate = body?.published && number && canonical(body.published.flow) === canonical(flow);
  if (!upToDate) {
    const save = (numbers: string[]) => body
      ? admin.put<FlowBody>(`/api/v1/ivr-flows/${body.id}`, { flow, baseVersion: body.latestVersion, numbers })
      : admin.post<FlowBody>('/api/v1/ivr-flows', { name: SIM_LINE_FLOW_NAME, description: 'madoguchi simulate --voice twilio の着信用（シミュレーション）', numbers, flow });
    let saved: FlowBody | null = null;
    for (const candidate of number ? [number] : SIM_LINE_NUMBERS) {
      try {
        saved = await save([candidate]);
        number = candidate;
        break;
      } catch (err) {
        if (!isNumberTaken(err) || number) throw err;
      }
    }
    if (!saved || !number) throw new Error(`${tenant.slug}: every simulation number (${SIM_LINE_NUMBERS[0]} …) is answered by another IVR flow`);
    if (saved.latest.problems.length) throw new Error(`${tenant.slug}: the simulation line does not validate: ${saved.latest.problems.map((p) => `${p.code} ${p.nodeId ?? ''}`).join(', ')}`);
    body = await admin.post<FlowBody>(`/api/v1/ivr-flows/${saved.id}/publish`, { version: saved.latestVersion });
  }
  if (!number || !body) throw new Error(`${tenant.slug}: the simulation line has no number`);

  // ——— the auth token Twilio would sign with: the tenant's own, else one for this run
  const account = await deps.repo.twilioAccountOf(tenant.id);
  let accountSid = account?.accountSid ?? SIM_TWILIO_ACCOUNT_SID;
  let authToken = account?.authToken ?? null;
  const set: Record<string, string> = {};
  if (!authToken) {
    authToken = randomBytes(24).toString('base64url');
    set.twilioAuthToken = authToken;
    if (!account?.accountSid) set.twilioAccountSid = accountSid = SIM_TWILIO_ACCOUNT_SID;
    await admin.put('/api/v1/telephony/settings', set);
  }
  const restore = async () => {
    if (Object.keys(set).length) await admin.put('/api/v1/telephony/settings', Object.fromEntries(Object.keys(set).map((k) => [k, null])));
  };

  const reachable = queues.slice(0, MAX_QUEUES);
  const queueKeys = new Map(reachable.map((q, i) => [q.id, queueKey(i)]));
  deps.log(`  ${tenant.slug}: phone line ${formatPhoneNational(number)} (IVR 「${SIM_LINE_FLOW_NAME}」 v${body.publishedVersion}: ${reachable.map((q, i) => `${queueKey(i)} ${q.name}`).join(', ')}, ${SERIAL_KEY} serial)`
    + `${Object.keys(set).length ? '; a Twilio auth token for this run' : ''}`);
  return { number, accountSid, authToken, queueKeys, primaryQueueId: reachable[0]!.id, restore };
}
