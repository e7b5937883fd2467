import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, isNotFound } from './errors.js';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm" c="dimmed">
        {t('common.loading')}
      </Text>
    </Center>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('errors.loadFailed')} icon={<IconAlertTriangle size={18} aria-hidden />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Why one record could not be shown: "not found" for a 404, otherwise the error with a retry. */
export function RecordLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!isNotFound(error)) return <LoadError error={error} onRetry={onRetry} />;
  return (
    <Alert color="yellow" role="alert">
      {t('errors.notFound')}
    </Alert>
  );
}

export function NotFoundPage({ home = '/' }: { home?: string }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" gap="sm">
      <Title order={1} size="h2">
        {t('errors.pageNotFoundTitle')}
      </Title>
      <Text c="dimmed">{t('errors.pageNotFound')}</Text>
      <Button component={Link} to={home} variant="light">
        {t('errors.goHome')}
      </Button>
    </Stack>
  );
}
