import { Badge, Button, Card, Grid, Group, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowsExchange, IconCalendarTime, IconCheck, IconPhoneOff } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../api/routing-types.js';
import { formatDuration, secondsSince } from '../../common/durations.js';
import { useNow } from '../../common/use-now.js';
import { useTenant } from '../auth/tenant-context.js';
import { useAgentCommand } from './agent.queries.js';
import { AssistTabs } from './assist-tabs.js';
import { CallbackDialog } from './callback-dialog.js';
import { CaseLink } from './case-link.js';
import { callerName, ContactSummary } from './contact-summary.js';
import { NotesField } from './notes-field.js';
import { ScreenPop } from './screen-pop.js';
import { withShortcut } from './shortcuts.js';
import { TransferDialog, type TransferPreset } from './transfer-dialog.js';
import type { TalkFlowRun } from '../talk-flows/talk-flow.queries.js';
import { TransferNotes } from './transfer-notes.js';
import { customerIdOf, type WorkDraft } from './work-drafts.js';
import { WrapUpTimer } from './wrap-up-timer.js';

export interface ContactPanelProps {
  item: WorkItem;
  agentId: string;
  draft: WorkDraft | undefined;
  onDraft: (patch: WorkDraft) => void;
  /** 後処理完了 with the draft (also bound to Alt+W). */
  onWrapUp: () => void;
  wrapUpPending: boolean;
}

/** One contact the agent holds: notes, end, transfer, callback, case, disposition and 後処理, beside its screen pop. */
export function ContactPanel({ item, agentId, draft, onDraft, onWrapUp, wrapUpPending }: ContactPanelProps) {
  const { t } = useTranslation();
  const { timeZone } = useTenant();
  const headingId = useId();
  const end = useAgentCommand();
  const [transferring, setTransferring] = useState(false);
  const [escalation, setEscalation] = useState<TransferPreset | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const { contact } = item;
  const connected = item.phase === 'connected';
  const customerId = customerIdOf(item, draft);
  const customer = item.screenPop
    ? { id: item.screenPop.customer.id, name: item.screenPop.customer.name }
    : customerId
      ? { id: customerId, name: draft?.customerName ?? '' }
      : null;
  const savedNotes = item.interactionNotes ?? '';

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId} data-testid={`contact-${contact.id}`}>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={2} size="h3" id={headingId}>
                {callerName(item, t('desk.unknownCaller'))}
              </Title>
              <PhaseBadge item={item} />
            </Group>
            <ContactSummary item={item} />
            <TransferNotes notes={item.transferNotes} timeZone={timeZone} />
            <NotesField contactId={contact.id} value={draft?.notes ?? savedNotes} saved={savedNotes} onChange={(notes) => onDraft({ notes })} />
            {connected && (
              <Group gap="xs" wrap="wrap">
                <Button color="red" leftSection={<IconPhoneOff size={16} aria-hidden />} loading={end.isPending} onClick={() => end.mutate({ kind: 'end', contactId: contact.id })}>
                  {t('desk.end')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<IconArrowsExchange size={16} aria-hidden />}
                  onClick={() => {
                    setEscalation(null);
                    setTransferring(true);
                  }}
                >
                  {t('desk.transferOrConsult')}
                </Button>
                <Button variant="default" leftSection={<IconCalendarTime size={16} aria-hidden />} onClick={() => setScheduling(true)}>
                  {t('desk.scheduleCallback')}
                </Button>
              </Group>
            )}
            {!connected && (
              <Button variant="default" leftSection={<IconCalendarTime size={16} aria-hidden />} onClick={() => setScheduling(true)} style={{ alignSelf: 'flex-start' }}>
                {t('desk.scheduleCallback')}
              </Button>
            )}
            <Select
              label={t('desk.disposition')}
              placeholder={t('desk.dispositionPlaceholder')}
              data={item.dispositions.map((d) => ({ value: d.code, label: d.label }))}
              value={draft?.disposition ?? null}
              onChange={(disposition) => onDraft({ disposition })}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <CaseLink
              item={item}
              customer={customer}
              openCases={item.screenPop?.openCases ?? []}
              caseId={draft?.caseId ?? null}
              caseLabel={draft?.caseLabel ?? null}
              onChange={(caseId, caseLabel) => onDraft({ caseId, caseLabel })}
            />
            {item.phase === 'wrap_up' && (
              <Card withBorder radius="md" padding="sm" bg="violet.0">
                <Stack gap="xs">
                  <WrapUpTimer until={item.wrapUpUntil} endedAt={contact.endedAt} />
                  <Tooltip label={withShortcut(t('desk.wrapUpDone'), 'wrapUp')}>
                    <Button color="violet" leftSection={<IconCheck size={16} aria-hidden />} loading={wrapUpPending} onClick={onWrapUp}>
                      {t('desk.wrapUpDone')}
                    </Button>
                  </Tooltip>
                </Stack>
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <ScreenPop
              item={item}
              createdCustomerId={draft?.customerId ?? null}
              onCustomerCreated={(created) => onDraft({ customerId: created.id, customerName: created.name })}
            />
            <AssistTabs
              interactionId={contact.interactionId}
              customerId={customerId}
              contextText={[contact.subject, draft?.notes ?? savedNotes].filter(Boolean).join('\n')}
              onUse={(answer) => onDraft({ notes: [draft?.notes ?? savedNotes, answer].filter((x) => x.trim() !== '').join('\n') })}
              onFlowEnd={(run: TalkFlowRun) => {
                // The flow's end asks for what only the live contact allows: the same dialogs, filled in.
                if (run.outcome?.kind === 'schedule_callback') setScheduling(true);
                if (run.outcome?.kind === 'escalate' && connected) {
                  setEscalation({ queueId: run.outcome.queueId ?? null, note: `${run.flowName}: ${run.node.text}` });
                  setTransferring(true);
                }
              }}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      <TransferDialog opened={transferring} onClose={() => setTransferring(false)} contactId={contact.id} preset={escalation} />
      <CallbackDialog opened={scheduling} onClose={() => setScheduling(false)} item={item} agentId={agentId} customerId={customerId} />
    </Card>
  );
}

/** 通話中 m:ss or 後処理. */
function PhaseBadge({ item }: { item: WorkItem }) {
  const { t } = useTranslation();
  const now = useNow();
  if (item.phase === 'wrap_up') {
    return (
      <Badge color="violet" size="lg" variant="light">
        {t('desk.phaseWrapUp')}
      </Badge>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color="blue" size="lg" variant="light">
        {t(item.contact.channel === 'voice' ? 'desk.phaseTalking' : 'desk.phaseConnected')}
      </Badge>
      <Text fw={700} ff="monospace" aria-label={t('desk.handleTime')}>
        {formatDuration(secondsSince(item.contact.answeredAt, now))}
      </Text>
    </Group>
  );
}
