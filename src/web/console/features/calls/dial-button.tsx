import { Button, Group, Text, Tooltip } from '@mantine/core';
import { IconPhoneOutgoing } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../common/errors.js';
import { formatPhone } from '../../../ui/format/phone.js';
import { useTenant } from '../auth/tenant-context.js';
import { useDial } from './call.queries.js';
import { dialFailed, dialSucceeded, type DialOutcome } from './dial-outcome.js';

/**
 * 発信: click-to-call a number through the tenant's adapter (the PBX rings the agent's extension,
 * or Twilio the agent's phone or softphone, then the customer). Says 発信中… while the server asks,
 * then what happened, beside the button. Disabled for roles that take no calls (`routing:work`).
 */
export function DialButton({ number, customerId }: { number: string; customerId?: string }) {
  const { t } = useTranslation();
  const { can } = useTenant();
  const dial = useDial();
  const [outcome, setOutcome] = useState<{ result: DialOutcome; error: unknown } | null>(null);
  const allowed = can('routing:work');
  const shown = formatPhone(number);

  const onClick = () => {
    setOutcome(null);
    dial.mutate({ to: number, ...(customerId ? { customerId } : {}) }, {
      onSuccess: (result) => setOutcome({ result: dialSucceeded(result), error: null }),
      onError: (error) => setOutcome({ result: dialFailed(error), error }),
    });
  };

  const message = (() => {
    if (!outcome) return null;
    const { result, error } = outcome;
    if (result.ok) return t(result.key);
    if (!result.key) return errorMessage(error);
    return result.detail ? `${t(result.key)}（${result.detail}）` : t(result.key);
  })();

  const button = (
    <Button
      size="compact-xs"
      variant="light"
      color="teal"
      leftSection={<IconPhoneOutgoing size={12} aria-hidden />}
      aria-label={t('calls.dial.label', { number: shown })}
      disabled={!allowed || dial.isPending}
      aria-busy={dial.isPending}
      onClick={onClick}
      data-testid="dial-button"
    >
      {dial.isPending ? t('calls.dial.pending') : t('calls.dial.button')}
    </Button>
  );

  return (
    <Group gap={6} wrap="nowrap">
      {allowed ? button : <Tooltip label={t('calls.dial.notAllowed')}><span>{button}</span></Tooltip>}
      {!dial.isPending && message && (
        <Text size="xs" c={outcome?.result.ok ? 'teal' : 'red'} role={outcome?.result.ok ? 'status' : 'alert'} data-testid="dial-outcome">
          {message}
        </Text>
      )}
    </Group>
  );
}
