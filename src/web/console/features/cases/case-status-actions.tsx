import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, CaseStatus } from '../../api/types.js';
import { ApiError } from '../../api/client.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notifyError, notifySuccess } from '../../common/errors.js';
import { useCase, useUpdateCase } from './case.queries.js';

const STATUS_BUTTON_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'indigo',
  pending: 'yellow',
  resolved: 'teal',
  closed: 'gray',
};

/** One button per status the server allows next (`allowedTransitions`), nothing else. */
export function CaseStatusActions({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const update = useUpdateCase(item.id);
  const refresh = useCase(item.id);
  const move = (status: CaseStatus) =>
    update.mutate(
      { status },
      {
        onSuccess: () => notifySuccess(t('caseDetail.statusChanged', { status: t(`statuses.${status}`) })),
        onError: (error) => {
          notifyError(error);
          // Someone else moved it first: show what the case looks like now.
          if (error instanceof ApiError && error.code === 'invalid_transition') void refresh.refetch();
        },
      },
    );
  return (
    <SectionCard title={t('caseDetail.changeStatus')}>
      {item.allowedTransitions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('caseDetail.noTransitions')}
        </Text>
      ) : (
        <Group gap="xs" role="group" aria-label={t('caseDetail.changeStatus')}>
          {item.allowedTransitions.map((status) => (
            <Button
              key={status}
              variant="light"
              color={STATUS_BUTTON_COLORS[status]}
              disabled={update.isPending}
              loading={update.isPending && update.variables?.status === status}
              onClick={() => move(status)}
            >
              {t('caseDetail.moveTo', { status: t(`statuses.${status}`) })}
            </Button>
          ))}
        </Group>
      )}
    </SectionCard>
  );
}
