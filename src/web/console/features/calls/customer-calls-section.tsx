import { useTranslation } from 'react-i18next';
import { SectionCard } from '../../../ui/section-card.js';
import { useTenant } from '../auth/tenant-context.js';
import { CallLogList } from './call-log-list.js';

const SECTION_PAGE = 10;

/** 通話履歴 on the customer 360: this customer's calls (an agent sees the ones they took). */
export function CustomerCallsSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = useTenant();
  // Without routing:monitor the server lists one's own calls only: say so when there are none.
  const emptyText = can('routing:monitor') ? t('calls.emptyCustomer') : t('calls.emptyCustomerMine');
  return (
    <SectionCard title={t('calls.title')}>
      <CallLogList query={{ customerId, limit: SECTION_PAGE }} emptyText={emptyText} />
    </SectionCard>
  );
}
