import { systemContext } from '../../platform/system-context.js';
import type { ContactService } from '../routing/contact.service.js';
import type { PortalServices } from '../portal/portal.services.js';

interface DemoPortal {
  title: string;
  tagline: string;
  primaryColor: string;
  accentColor: string;
  /** Contact-form messages are routed to this queue (see demo-routing.ts). */
  queueName: string;
  voices: { title: string; voice: string; response: string }[];
}

/** Each client company's consultation room: its own branding and the voices it answered publicly. */
export const DEMO_PORTALS: Record<string, DemoPortal> = {
  'sakura-denki': {
    title: 'さくら電機 お客様サポート',
    tagline: '製品の使い方・修理・保証のご案内',
    primaryColor: '#b0124f',
    accentColor: '#f9c6d7',
    queueName: '製品相談',
    voices: [
      { title: '修理の進み具合がわからない', voice: '修理に出した冷蔵庫がいつ戻るのか、電話しないとわからなかった。', response: '修理受付番号で進み具合を確認できるよう、受付時にSMSでお知らせする運用を始めました。' },
      { title: '取扱説明書が見つからない', voice: '古い型番の取扱説明書を探すのに時間がかかった。', response: 'よくあるご質問に型番ごとの取扱説明書の探し方を掲載し、10年前の型番まで検索できるようにしました。' },
      { title: '電話がつながりにくい', voice: '月曜の午前中は電話がなかなかつながらない。', response: '月曜午前の担当者を増やし、お問い合わせフォームからのご相談にも当日中にご連絡しています。' },
    ],
  },
  'hanamaru-tsuhan': {
    title: 'はなまる通販 お客様窓口',
    tagline: 'ご注文・お届け・返品と定期便のご案内',
    primaryColor: '#1b6e3a',
    accentColor: '#ffd54f',
    queueName: '配送・返品',
    voices: [
      { title: '定期便の休止方法がわかりにくい', voice: '定期便を1回だけ休みたいのに、解約しか選べないと思っていた。', response: 'マイページに「次回だけお休み」ボタンを設け、手順をよくあるご質問に掲載しました。' },
      { title: '返品の送料について', voice: '初期不良なのに返品の送料を自分で払うのか不安だった。', response: '初期不良・誤配送の返品は着払いで受け付けることを、返品ページの最初に明記しました。' },
    ],
  },
};

/** Turns the portal on for the demo tenants, branded, with their published voices (audited as the system). */
export async function seedDemoPortal(deps: { portal: PortalServices; queueOf: ContactService['queueOf'] }, tenants: readonly { id: string; slug: string; timeZone: string }[]) {
  for (const tenant of tenants) {
    const demo = DEMO_PORTALS[tenant.slug];
    if (!demo) continue;
    const ctx = systemContext(tenant, 'seed-demo');
    const queue = await deps.queueOf(ctx, { name: demo.queueName }).catch(() => null);
    await deps.portal.settings.updateSettings(ctx, {
      enabled: true, title: demo.title, tagline: demo.tagline, logoUrl: null, primaryColor: demo.primaryColor, accentColor: demo.accentColor,
      defaultLocale: 'ja', contactQueueId: queue?.id ?? null, staleAfterDays: 180,
    });
    for (const v of demo.voices) await deps.portal.voices.create(ctx, { ...v, publish: true });
  }
}
