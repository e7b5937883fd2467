import './desk.css';
import { ActionIcon, Alert, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconHeadset, IconVolume, IconVolumeOff } from '@tabler/icons-react';
import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type { CallPop, ConsultMessage, OfferCancelReason, WorkItem } from '../../api/routing-types.js';
import type { Membership } from '../../api/types.js';
import { LoadError, LoadingState } from '../../common/load-state.js';
import { PageHeader } from '../../../ui/page-header.js';
import { useAgentCommand, useAgentMe } from './agent.queries.js';
import { useAgentSocket } from './agent-socket.js';
import { callIdsOfWork, upsertCallPop } from './call-pop.js';
import { CallPopCard } from './call-pop-card.js';
import { ConnectionBadge } from './connection-badge.js';
import { ConsultNotices } from './consult-notices.js';
import { ContactPanel } from './contact-panel.js';
import { heldContacts, pendingOffers } from './desk-state.js';
import { OfferCard } from './offer-card.js';
import { useAudioUnlock, useRingTone } from './ring-tone.js';
import { ScreenPop } from './screen-pop.js';
import { ShortcutHelp } from './shortcut-help.js';
import { SoftphonePanel } from './softphone/softphone-panel.js';
import { useSoftphones } from './softphone/use-softphones.js';
import { useSession } from '../auth/session.queries.js';
import { useDeskShortcuts } from './shortcuts.js';
import { StateSelector } from './state-selector.js';
import { useWorkDrafts, wrapUpBody } from './work-drafts.js';
import { WorkItemTenant } from './work-item-tenant.js';
import { WorkTabs } from './work-tabs.js';

const NO_MEMBERSHIPS: Membership[] = [];
const NO_WORK: WorkItem[] = [];

/** A 403/404 on `/agent/me`: this user has no agent profile (or no routing role) yet. */
function isNotAnAgent(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}

/**
 * エージェント: the agent desktop. State and time in state, ringing offers with their screen pop,
 * telephone calls at the agent's PBX extension (CTI screen pop), and the contacts held (talking or
 * 後処理), one tab each. Keyboard: F2 / Alt+A answer, Alt+W
 * finish 後処理, Alt+R ready.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const me = useAgentMe();
  const httpNotAgent = me.isError && isNotAnAgent(me.error);
  const [consults, setConsults] = useState<ConsultMessage[]>([]);
  const [callPops, setCallPops] = useState<CallPop[]>([]);
  const [muted, setMuted] = useLocalStorage({ key: 'madoguchi.desk.muted', defaultValue: false });
  const [activeTab, setActiveTab] = useState<string | null>(null);

  const socket = useAgentSocket(!httpNotAgent, {
    onOfferCancelled: (_contactId, reason) => notifyCancelled(reason),
    onConsult: (message) => setConsults((list) => [...list, message]),
    onCallPop: (call) => setCallPops((list) => upsertCallPop(list, call)),
  });
  useAudioUnlock();
  // 4404: the socket was refused for want of an agent profile.
  const notAgent = httpNotAgent || socket.refusedWith === 4404;

  const offers = pendingOffers(me.data);
  const held = heldContacts(me.data);
  const session = useSession();
  // A PBX call the desk holds as a work item: its pop steps aside (an 'answered' pop may follow it).
  const [heldCalls, setHeldCalls] = useState<ReadonlySet<string>>(new Set());
  const workCallIds = callIdsOfWork(me.data?.work ?? NO_WORK);
  const workCallKey = workCallIds.join(',');
  useEffect(() => {
    if (workCallIds.length > 0) setHeldCalls((held) => (workCallIds.every((id) => held.has(id)) ? held : new Set([...held, ...workCallIds])));
    // The ids' joined key is the whole dependency.
  }, [workCallKey]);
  const shownPops = callPops.filter((c) => !heldCalls.has(c.id));
  // Softphones only for a user who is an agent: opened once /agent/me answered.
  const phones = useSoftphones(me.data && !notAgent ? (session.data?.memberships ?? []) : NO_MEMBERSHIPS, me.data?.work ?? NO_WORK);
  const { drafts, update } = useWorkDrafts((me.data?.work ?? []).map((w) => w.contact.id));
  useRingTone(offers.length > 0, muted);
  useRingingTitle(offers.length > 0, t('desk.incoming'));

  const presence = useAgentCommand();
  const accept = useAgentCommand();
  const reject = useAgentCommand();
  const wrapUp = useAgentCommand();

  const current = held.find((w) => w.contact.id === activeTab) ?? held[0] ?? null;

  const acceptOffer = (item: WorkItem | undefined) => {
    if (!item || accept.isPending) return;
    accept.mutate({ kind: 'accept', contactId: item.contact.id }, { onSuccess: () => setActiveTab(item.contact.id) });
  };
  const finishWrapUp = (item: WorkItem | null | undefined) => {
    if (!item || item.phase !== 'wrap_up' || wrapUp.isPending) return;
    wrapUp.mutate({ kind: 'wrapUp', contactId: item.contact.id, body: wrapUpBody(drafts[item.contact.id], item) });
  };

  useDeskShortcuts({
    accept: () => acceptOffer(offers[0]),
    wrapUp: () => finishWrapUp(current?.phase === 'wrap_up' ? current : held.find((w) => w.phase === 'wrap_up')),
    ready: () => {
      if (me.data && !presence.isPending) presence.mutate({ kind: 'presence', body: { change: 'ready' } });
    },
  });

  const header = (
    <PageHeader
      title={
        <Group gap="xs" component="span">
          <IconHeadset size={26} aria-hidden />
          {t('desk.title')}
        </Group>
      }
      subtitle={
        <Group gap="lg" wrap="wrap">
          {me.data && (
            <Text c="dimmed" size="sm">
              {me.data.displayName}
            </Text>
          )}
          <ShortcutHelp />
        </Group>
      }
      actions={
        <>
          <ConnectionBadge status={socket.status} onReconnect={socket.reconnect} />
          <Tooltip label={muted ? t('desk.unmute') : t('desk.mute')}>
            <ActionIcon variant="default" size="lg" onClick={() => setMuted(!muted)} aria-label={muted ? t('desk.unmute') : t('desk.mute')} aria-pressed={muted}>
              {muted ? <IconVolumeOff size={18} aria-hidden /> : <IconVolume size={18} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        </>
      }
    />
  );

  if (me.isPending) return <>{header}<LoadingState /></>;
  if (notAgent) {
    return (
      <>
        {header}
        <Alert color="yellow" role="alert">
          {t('desk.notAnAgent')}
        </Alert>
      </>
    );
  }
  if (me.isError || !me.data) return <>{header}<LoadError error={me.error} onRetry={() => void me.refetch()} /></>;
  const agent = me.data;

  return (
    <Stack gap="md">
      {header}
      <StateSelector me={agent} pending={presence.isPending} onChange={(body) => presence.mutate({ kind: 'presence', body })} />
      <SoftphonePanel phones={phones} />
      <ConsultNotices consults={consults} onDismiss={(index) => setConsults((list) => list.filter((_, i) => i !== index))} />
      {shownPops.map((call) => (
        <CallPopCard key={call.id} call={call} onDismiss={() => setCallPops((list) => list.filter((c) => c.id !== call.id))} />
      ))}
      {offers.map((item, index) => (
        <WorkItemTenant key={item.contact.id} slug={item.tenantSlug}>
          <OfferCard
            item={item}
            primary={index === 0}
            accepting={accept.isPending && accept.variables?.kind === 'accept' && accept.variables.contactId === item.contact.id}
            rejecting={reject.isPending && reject.variables?.kind === 'reject' && reject.variables.contactId === item.contact.id}
            onAccept={() => acceptOffer(item)}
            onReject={() => reject.mutate({ kind: 'reject', contactId: item.contact.id })}
          >
            <ScreenPop
              item={item}
              wide
              createdCustomerId={drafts[item.contact.id]?.customerId ?? null}
              onCustomerCreated={(created) => update(item.contact.id, { customerId: created.id, customerName: created.name })}
            />
          </OfferCard>
        </WorkItemTenant>
      ))}
      {held.length > 0 ? (
        <WorkTabs items={held} active={current?.contact.id ?? null} onChange={setActiveTab}>
          {(item) => (
            <WorkItemTenant slug={item.tenantSlug}>
              <ContactPanel
                item={item}
                agentId={agent.agentId}
                draft={drafts[item.contact.id]}
                onDraft={(patch) => update(item.contact.id, patch)}
                onWrapUp={() => finishWrapUp(item)}
                wrapUpPending={wrapUp.isPending && wrapUp.variables?.kind === 'wrapUp' && wrapUp.variables.contactId === item.contact.id}
              />
            </WorkItemTenant>
          )}
        </WorkTabs>
      ) : (
        offers.length === 0 &&
        shownPops.length === 0 && (
          <Text c="dimmed" ta="center" py="xl" role="status" data-testid="desk-idle">
            {agent.presence === 'available' ? t('desk.waitingForContacts') : t('desk.notReady')}
          </Text>
        )
      )}
    </Stack>
  );
}

function notifyCancelled(reason: OfferCancelReason): void {
  // A reject is the agent's own doing: no need to tell them.
  if (reason === 'rejected') return;
  notifications.show({ color: reason === 'expired' ? 'red' : 'yellow', message: i18nCancelMessage(reason) });
}

function i18nCancelMessage(reason: Exclude<OfferCancelReason, 'rejected'>): string {
  return i18next.t(`desk.cancelled.${reason}`, { defaultValue: reason });
}

/** `(着信) 窓口 Madoguchi` in the tab title while an offer rings, for agents in another window. */
function useRingingTitle(ringing: boolean, label: string): void {
  useEffect(() => {
    if (!ringing) return undefined;
    const before = document.title;
    document.title = `(${label}) ${before}`;
    return () => {
      document.title = before;
    };
  }, [ringing, label]);
}
