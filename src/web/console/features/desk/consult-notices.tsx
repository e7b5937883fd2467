import { Alert, Stack, Text } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConsultMessage } from '../../api/routing-types.js';

/** 相談: a colleague asks for help with a contact they hold; the note and who the customer is. */
export function ConsultNotices({ consults, onDismiss }: { consults: ConsultMessage[]; onDismiss: (index: number) => void }) {
  const { t } = useTranslation();
  if (consults.length === 0) return null;
  return (
    <Stack gap="xs">
      {consults.map((consult, index) => {
        const customer = (consult.screenPop ?? consult.item?.screenPop)?.customer;
        return (
        <Alert
          key={`${consult.contactId}-${index}`}
          color="cyan"
          variant="light"
          icon={<IconMessageQuestion size={18} aria-hidden />}
          title={t('desk.consultFrom', { name: consult.fromName })}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => onDismiss(index)}
          role="alert"
        >
          {customer && (
            <Text size="sm" fw={600}>
              {t('desk.consultCustomer', { name: customer.name })}
            </Text>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {consult.note}
          </Text>
        </Alert>
        );
      })}
    </Stack>
  );
}
