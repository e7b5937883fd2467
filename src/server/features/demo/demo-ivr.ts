import type { IvrFlow } from '../../../core/ivr/ivr.types.js';
import { systemContext } from '../../platform/system-context.js';
import type { IvrFlowService } from '../ivr/ivr-flow.service.js';
import type { RoutingAdminService } from '../routing-admin/routing-admin.service.js';

/**
 * The demo center's phone line for さくら電機 (0120-417-001), published: business hours of the repair
 * queue, a menu, the product serial keyed in (its digits: SR4501-23A-00417 → 45012300417), the
 * caller looked up, and the repair or product queue; after hours, a message for a callback. A VIP
 * found by either lookup (鈴木 一郎 of the demo) is queued at DEMO_VIP_PRIORITY.
 */
export const DEMO_IVR_NUMBERS: Record<string, string> = { 'sakura-denki': '0120-417-001' };

/** Above every demo queue's own priority (修理受付 10, 英語窓口 5, 製品相談 0): a VIP is served first. */
export const DEMO_VIP_PRIORITY = 20;

function sakuraLine(queue: (name: string) => string): IvrFlow {
  const repair = queue('修理受付');
  const product = queue('製品相談');
  return {
    start: 'hours',
    nodes: [
      { type: 'hours', id: 'hours', calendar: repair, open: 'welcome', closed: 'closed' },
      { type: 'say', id: 'closed', text: 'お電話ありがとうございます。さくら電機サポートセンターです。本日の受付は終了いたしました。', next: 'message' },
      { type: 'voicemail', id: 'message', prompt: '発信音のあとに、お名前とご用件をお話しください。翌営業日に折り返しご連絡いたします。', maxSec: 120, queueId: repair },
      { type: 'say', id: 'welcome', text: 'お電話ありがとうございます。さくら電機サポートセンターです。', next: 'main' },
      {
        type: 'menu', id: 'main', prompt: '故障・修理のご相談は1を、製品の使い方のご相談は2を、折り返しをご希望の方は3を押してください。もう一度お聞きになる場合は9を押してください。',
        options: [{ key: '1', next: 'serial' }, { key: '2', next: 'product' }, { key: '3', next: 'callback' }, { key: '9', next: 'main' }],
        timeoutSec: 6, retries: 2, onFail: 'product',
      },
      { type: 'gather', id: 'serial', prompt: '製品の製造番号の数字を入力し、最後に#を押してください。', into: 'serial', minDigits: 6, maxDigits: 16, timeoutSec: 15, retries: 1, next: 'find', onFail: 'repair' },
      { type: 'lookup', id: 'find', by: 'serial', found: 'repairVip', notFound: 'unknown' },
      { type: 'branch', id: 'repairVip', attribute: 'vip', equals: true, then: 'repairVipPriority', else: 'repair' },
      { type: 'set', id: 'repairVipPriority', priority: DEMO_VIP_PRIORITY, next: 'repair' },
      { type: 'say', id: 'unknown', text: '製造番号が確認できませんでした。担当者がお伺いします。', next: 'repair' },
      { type: 'enqueue', id: 'repair', queueId: repair, text: '修理受付の担当者におつなぎします。' },
      { type: 'lookup', id: 'product', by: 'caller', found: 'productVip', notFound: 'productQueue' },
      { type: 'branch', id: 'productVip', attribute: 'vip', equals: true, then: 'productVipPriority', else: 'productQueue' },
      { type: 'set', id: 'productVipPriority', priority: DEMO_VIP_PRIORITY, next: 'productQueue' },
      { type: 'enqueue', id: 'productQueue', queueId: product, text: '担当者におつなぎします。' },
      { type: 'callback', id: 'callback', text: 'ご希望を承りました。順番が来ましたら、担当者からこの番号へ折り返しお電話いたします。', queueId: repair },
    ],
  };
}

/** Publishes the demo line of each demo company that has one (after routing's queues exist). */
export async function seedDemoIvr(deps: { ivrFlows: IvrFlowService; routingAdmin: RoutingAdminService }, tenants: readonly { id: string; slug: string; timeZone: string }[]) {
  for (const tenant of tenants) {
    const number = DEMO_IVR_NUMBERS[tenant.slug];
    if (!number) continue;
    const ctx = systemContext(tenant, 'demo-seed');
    const queueIds = new Map((await deps.routingAdmin.listQueues(ctx)).items.map((q) => [q.name, q.id]));
    const queue = (name: string) => {
      const id = queueIds.get(name);
      if (!id) throw new Error(`demo IVR: no queue ${name} for ${tenant.slug}`);
      return id;
    };
    const created = await deps.ivrFlows.createFlow(ctx, { name: 'サポートセンター代表', description: '代表番号の自動音声応答（修理受付・製品相談・折り返し）', numbers: [number], flow: sakuraLine(queue) });
    await deps.ivrFlows.publish(ctx, created.id, 1);
  }
}
