import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultMessage } from '../../api/routing-types.js';
import { ContactSummary } from './contact-summary.js';
import { ScreenPopOverview } from './screen-pop.js';
import { WorkItemTenant } from './work-item-tenant.js';

/**
 * 相談: a colleague asks for help with a contact they hold — the note, who the customer is, and on
 * demand the screen pop that came with the request (`item`), so the advice fits the customer.
 */
export function ConsultNotices({ consults, onDismiss }: { consults: ConsultMessage[]; onDismiss: (index: number) => void }) {
  if (consults.length === 0) return null;
  return (
    <Stack gap="xs">
      {consults.map((consult, index) => (
        <ConsultNotice key={`${consult.contactId}-${index}`} consult={consult} onDismiss={() => onDismiss(index)} />
      ))}
    </Stack>
  );
}

function ConsultNotice({ consult, onDismiss }: { consult: ConsultMessage; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [showPop, setShowPop] = useState(false);
  const { item } = consult;
  const customer = item?.screenPop?.customer ?? null;
  return (
    <Alert
      color="cyan"
      variant="light"
      icon={<IconMessageQuestion size={18} aria-hidden />}
      title={t('desk.consultFrom', { name: consult.fromName })}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onDismiss}
      role="alert"
      data-testid={`consult-${consult.contactId}`}
    >
      <Stack gap={6}>
        {customer ? (
          <Text size="sm" fw={600}>
            {t('desk.consultCustomer', { name: customer.name })}
          </Text>
        ) : (
          item?.contact.from && (
            <Text size="sm" fw={600}>
              {t('desk.consultCaller', { from: item.contact.from })}
            </Text>
          )
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {consult.note}
        </Text>
        {item && <ContactSummary item={item} />}
        {item?.screenPop && (
          <>
            <Button size="compact-sm" variant="subtle" style={{ alignSelf: 'flex-start' }} onClick={() => setShowPop((v) => !v)} aria-expanded={showPop}>
              {showPop ? t('desk.consultHideCustomer') : t('desk.consultShowCustomer')}
            </Button>
            {showPop && (
              <WorkItemTenant slug={item.tenantSlug}>
                <ScreenPopOverview overview={item.screenPop} wide />
              </WorkItemTenant>
            )}
          </>
        )}
      </Stack>
    </Alert>
  );
}
