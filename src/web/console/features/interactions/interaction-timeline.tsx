import { Anchor, Badge, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Interaction } from '../../api/types.js';
import { formatDateTime } from '../../../ui/format/datetime.js';
import { ChannelIcon } from './channel-icon.js';

export interface InteractionTimelineProps {
  /** Latest first. */
  interactions: Interaction[];
  timeZone: string;
  /** Base path of case pages, to link an interaction to its case. */
  casesPath: string;
  /** Offered on rows not linked to a case yet. */
  onCreateCase?: ((interaction: Interaction) => void) | undefined;
  emptyText: string;
  /** On a case page: no link from its interactions back to itself. */
  currentCaseId?: string;
}

/** When the contact happened: answered, else offered, else recorded. */
function contactTime(interaction: Interaction): string {
  return interaction.answeredAt ?? interaction.offeredAt ?? interaction.createdAt;
}

export function InteractionTimeline({ interactions, timeZone, casesPath, onCreateCase, emptyText, currentCaseId }: InteractionTimelineProps) {
  const { t } = useTranslation();
  if (interactions.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  return (
    <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
      {interactions.map((interaction) => {
        const at = contactTime(interaction);
        const DirectionIcon = interaction.direction === 'inbound' ? IconArrowDownLeft : IconArrowUpRight;
        return (
          <li key={interaction.id}>
            <Paper withBorder radius="md" p="sm">
              <Group align="flex-start" wrap="nowrap" gap="sm">
                <ThemeIcon variant="light" radius="xl" size="lg" aria-hidden>
                  <ChannelIcon channel={interaction.channel} />
                </ThemeIcon>
                <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Group gap={6} wrap="wrap">
                      <Badge variant="light">{t(`channels.${interaction.channel}`)}</Badge>
                      <Badge variant="outline" color="gray" leftSection={<DirectionIcon size={12} aria-hidden />}>
                        {t(`directions.${interaction.direction}`)}
                      </Badge>
                      <Text fw={600} size="sm">
                        {interaction.subject ?? t('common.noSubject')}
                      </Text>
                    </Group>
                    <Text size="sm" c="dimmed" component="time" dateTime={at}>
                      {formatDateTime(at, timeZone)}
                    </Text>
                  </Group>
                  {interaction.notes && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {interaction.notes}
                    </Text>
                  )}
                  <Group gap="md" wrap="wrap">
                    {interaction.disposition && (
                      <Text size="xs" c="dimmed">
                        {t('interactions.disposedAs', { disposition: interaction.disposition })}
                      </Text>
                    )}
                    {interaction.agentName && (
                      <Text size="xs" c="dimmed">
                        {t('interactions.agent', { name: interaction.agentName })}
                      </Text>
                    )}
                    {interaction.queue && (
                      <Text size="xs" c="dimmed">
                        {t('interactions.queue', { queue: interaction.queue })}
                      </Text>
                    )}
                    {interaction.caseId ? (
                      interaction.caseId !== currentCaseId && (
                      <Anchor component={Link} to={`${casesPath}/${encodeURIComponent(interaction.caseId)}`} size="xs">
                        {t('interactions.openCase')}
                      </Anchor>
                      )
                    ) : (
                      onCreateCase && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          leftSection={<IconPlus size={12} aria-hidden />}
                          onClick={() => onCreateCase(interaction)}
                        >
                          {t('interactions.createCase')}
                        </Button>
                      )
                    )}
                  </Group>
                </Stack>
              </Group>
            </Paper>
          </li>
        );
      })}
    </Stack>
  );
}
