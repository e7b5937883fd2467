import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPhoneCall, IconPhoneOff, IconRefresh, IconSend } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IvrFlow } from '../../../../core/ivr/ivr.types.js';
import { errorMessage } from '../../common/errors.js';
import { actionText, eventText, outcomeText, type QueueName } from './ivr-labels.js';
import { currentStep, isPhoneKeys, parseAttributes, transcriptOf, type TestEvent, type TestWalk, type TranscriptLine } from './ivr-test-walk.js';
import { useTestIvrFlow } from './ivr.queries.js';

function Line({ line, queueName }: { line: TranscriptLine; queueName: QueueName }) {
  const { t } = useTranslation();
  switch (line.kind) {
    case 'caller':
      return (
        <Paper p={6} radius="sm" bg="blue.0" style={{ alignSelf: 'flex-end', maxWidth: '90%' }} data-kind="caller">
          <Text size="sm">📞 {eventText(t, line.event)}</Text>
        </Paper>
      );
    case 'say':
      return (
        <Paper p={6} radius="sm" withBorder style={{ maxWidth: '90%' }} data-kind="say">
          <Text size="sm">🔊 {line.text}</Text>
        </Paper>
      );
    case 'prompt':
      return (
        <Paper p={6} radius="sm" withBorder style={{ maxWidth: '90%' }} data-kind="prompt">
          <Text size="sm">🔊 {line.text}</Text>
          <Text size="xs" c="dimmed">
            {line.mode === 'menu'
              ? t('ivr.test.lines.promptMenu', { timeout: line.timeoutSec })
              : t('ivr.test.lines.promptDigits', { min: line.minDigits, max: line.maxDigits, timeout: line.timeoutSec })}
          </Text>
        </Paper>
      );
    case 'system':
      return (
        <Text size="sm" c="grape.8" data-kind={`system-${line.action.type}`}>
          ⚙ {actionText(t, line.action, queueName)}
        </Text>
      );
  }
}

/**
 * The test call: start it (calling number, business hours open or closed), then key digits, let a
 * prompt time out, answer a lookup, or hang up. The server walks the saved version with every event
 * so far; an event the call does not take (keys while it waits for a lookup) is shown and dropped.
 * Tells the editor which node the call stands at, for the canvas.
 */
export function IvrTestPanel(props: {
  flowId: string;
  /** The saved version the test walks, and its flow (to find the node a call ended at). */
  version: number;
  flow: IvrFlow;
  dirty: boolean;
  queueName: QueueName;
  onActiveNode: (nodeId: string | null) => void;
}) {
  const { t } = useTranslation();
  const { version, queueName, onActiveNode } = props;
  const test = useTestIvrFlow(props.flowId);
  const [from, setFrom] = useState('09012345678');
  const [open, setOpen] = useState<'open' | 'closed'>('open');
  const [events, setEvents] = useState<TestEvent[]>([]);
  const [walk, setWalk] = useState<TestWalk | null>(null);
  const [walkedVersion, setWalkedVersion] = useState<number | null>(null);
  const [keys, setKeys] = useState('');
  const [attributes, setAttributes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const step = currentStep(walk);

  useEffect(() => {
    onActiveNode(walk && step ? step.lastNodeId : null);
  }, [walk, step, onActiveNode]);
  // Another saved version is another flow: a call of the old one is over.
  useEffect(() => {
    if (walkedVersion !== null && walkedVersion !== version) {
      setWalk(null);
      setEvents([]);
      setWalkedVersion(null);
    }
  }, [version, walkedVersion]);

  const send = (next: TestEvent[]) => {
    setProblem(null);
    test.mutate(
      { version, from: from.trim() || '0312345678', open: open === 'open', events: next },
      {
        onSuccess: (res) => {
          if (res.error || res.unused > 0) {
            setProblem(t('ivr.test.refused', { error: res.error ?? '' }));
            return;
          }
          setWalk(res);
          setEvents(next);
          setWalkedVersion(version);
          setKeys('');
        },
        onError: (err) => setProblem(errorMessage(err)),
      },
    );
  };
  const sendKeys = (e: FormEvent) => {
    e.preventDefault();
    const digits = keys.trim();
    if (!isPhoneKeys(digits)) {
      setProblem(t('ivr.test.badKeys'));
      return;
    }
    send([...events, { type: 'digits', digits }]);
  };
  const sendLookup = (found: boolean) => {
    if (!found) return send([...events, { type: 'lookup_result', found: false }]);
    const parsed = parseAttributes(attributes);
    if (!parsed.ok) {
      setProblem(t('ivr.test.badAttributes', { line: parsed.line }));
      return;
    }
    send([...events, { type: 'lookup_result', found: true, attributes: parsed.attributes }]);
  };
  const lines = walk ? transcriptOf(walk, events) : [];
  const busy = test.isPending;

  return (
    <Stack gap="sm" data-testid="ivr-test-panel">
      <Text size="sm" c="dimmed">
        {t('ivr.test.intro', { version })}
      </Text>
      {props.dirty && (
        <Alert color="yellow" p="xs">
          {t('ivr.test.unsaved')}
        </Alert>
      )}
      <Group align="flex-end" gap="xs">
        <TextInput style={{ flex: 1 }} label={t('ivr.test.from')} value={from} maxLength={40} onChange={(e) => setFrom(e.currentTarget.value)} />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('ivr.test.hours')}
          </Text>
          <SegmentedControl
            size="xs"
            value={open}
            onChange={(v) => setOpen(v === 'closed' ? 'closed' : 'open')}
            data={[
              { value: 'open', label: t('ivr.links.open') },
              { value: 'closed', label: t('ivr.links.closed') },
            ]}
          />
        </Stack>
      </Group>
      <Button leftSection={walk ? <IconRefresh size={16} aria-hidden /> : <IconPhoneCall size={16} aria-hidden />} onClick={() => send([])} loading={busy && !walk} variant={walk ? 'default' : 'filled'}>
        {walk ? t('ivr.test.restart') : t('ivr.test.start')}
      </Button>
      {problem && (
        <Alert color="red" p="xs" role="alert">
          {problem}
        </Alert>
      )}
      {walk && step && (
        <>
          <Group gap="xs" data-testid="ivr-test-status" data-status={step.status}>
            <Badge color={step.status === 'ended' ? 'teal' : 'blue'} variant="light">
              {step.status === 'ended'
                ? t('ivr.test.ended', { outcome: walk.outcome ? outcomeText(t, walk.outcome, queueName) : '—' })
                : t(step.status === 'waiting_lookup' ? 'ivr.test.waitingLookup' : 'ivr.test.waitingInput', { node: step.nodeId })}
            </Badge>
          </Group>
          {step.status === 'waiting_input' && (
            <form onSubmit={sendKeys}>
              <Group align="flex-end" gap="xs">
                <TextInput
                  style={{ flex: 1 }}
                  label={t('ivr.test.keys')}
                  description={t('ivr.test.keysHelp')}
                  value={keys}
                  maxLength={33}
                  inputMode="tel"
                  onChange={(e) => setKeys(e.currentTarget.value)}
                />
                <Button type="submit" leftSection={<IconSend size={16} aria-hidden />} loading={busy} disabled={keys.trim() === ''}>
                  {t('ivr.test.send')}
                </Button>
              </Group>
              <Button mt="xs" size="xs" variant="default" disabled={busy} onClick={() => send([...events, { type: 'timeout' }])}>
                {t('ivr.test.timeout')}
              </Button>
            </form>
          )}
          {step.status === 'waiting_lookup' && (
            <Stack gap="xs">
              <Textarea label={t('ivr.test.attributes')} autosize minRows={1} value={attributes} onChange={(e) => setAttributes(e.currentTarget.value)} />
              <Group gap="xs">
                <Button size="xs" disabled={busy} onClick={() => sendLookup(true)}>
                  {t('ivr.test.found')}
                </Button>
                <Button size="xs" variant="default" disabled={busy} onClick={() => sendLookup(false)}>
                  {t('ivr.test.notFound')}
                </Button>
              </Group>
            </Stack>
          )}
          {step.status !== 'ended' && (
            <Button size="xs" color="red" variant="light" leftSection={<IconPhoneOff size={14} aria-hidden />} style={{ alignSelf: 'flex-start' }} disabled={busy} onClick={() => send([...events, { type: 'hangup' }])}>
              {t('ivr.test.hangup')}
            </Button>
          )}
          <Text size="sm" fw={500}>
            {t('ivr.test.transcript')}
          </Text>
          <Stack gap={6} data-testid="ivr-transcript" aria-live="polite">
            {lines.map((line, i) => (
              <Line key={i} line={line} queueName={queueName} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
