import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Case } from '../../api/types.js';
import { SectionCard } from '../../../ui/section-card.js';
import { useTenant } from '../auth/tenant-context.js';
import { CaseDue, CasePriorityBadge, CaseStatusBadge } from './case-badges.js';

/** 未完了の案件 of a customer, on the 360. */
export function OpenCasesSection({ cases }: { cases: Case[] }) {
  const { t } = useTranslation();
  const { slug, timeZone } = useTenant();
  return (
    <SectionCard title={t('cases.openCasesTitle')}>
      {cases.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cases.openCasesEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.number')}</Table.Th>
                <Table.Th>{t('cases.caseTitle')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th>{t('cases.priority')}</Table.Th>
                <Table.Th>{t('cases.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/t/${encodeURIComponent(slug)}/cases/${encodeURIComponent(item.id)}`} fw={600}>
                      {item.displayNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.title}</Table.Td>
                  <Table.Td>
                    <CaseStatusBadge status={item.status} />
                  </Table.Td>
                  <Table.Td>
                    <CasePriorityBadge priority={item.priority} />
                  </Table.Td>
                  <Table.Td>
                    <CaseDue item={item} timeZone={timeZone} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
