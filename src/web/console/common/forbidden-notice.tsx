import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What a page shows a user whose role may not use it (the server would answer 403 anyway). */
export function ForbiddenNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" role="alert">
      {t('errors.forbidden')}
    </Alert>
  );
}
