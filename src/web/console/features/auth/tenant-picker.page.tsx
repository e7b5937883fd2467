import { Alert, Badge, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconBuilding, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from './session.queries.js';
import { tenantHomePath } from './tenant-context.js';

/** 対応する企業を選択: a BPO operator serves several client companies and picks one to work for. */
export function TenantPickerPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const memberships = session?.memberships ?? [];
  return (
    <Stack maw={640} mx="auto" py="md">
      <Title order={1} size="h2">
        {t('tenants.title')}
      </Title>
      <Text c="dimmed">{t('tenants.description')}</Text>
      {memberships.length === 0 ? (
        <Alert color="yellow">{t('tenants.none')}</Alert>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('tenants.listLabel')}>
          {memberships.map((m) => (
            <li key={m.tenantId}>
              <UnstyledButton component={Link} to={tenantHomePath(m)} w="100%">
                <Card withBorder radius="md" padding="md">
                  <Group justify="space-between" wrap="nowrap">
                    <Group gap="sm" wrap="nowrap">
                      <IconBuilding size={22} aria-hidden />
                      <div>
                        <Text fw={600}>{m.tenantName}</Text>
                        <Text size="xs" c="dimmed">
                          {t('tenants.timeZone', { timeZone: m.timeZone })}
                        </Text>
                      </div>
                    </Group>
                    <Group gap="xs" wrap="nowrap">
                      <Badge variant="light">{t(`roles.${m.role}`)}</Badge>
                      <IconChevronRight size={18} aria-hidden />
                    </Group>
                  </Group>
                </Card>
              </UnstyledButton>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
