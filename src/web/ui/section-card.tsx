import { Card, Group, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export interface SectionCardProps {
  title: string;
  /** Buttons shown beside the heading. */
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled card that is also a named landmark (`region`), so screen readers and tests can find it. */
export function SectionCard({ title, actions, children }: SectionCardProps) {
  const headingId = useId();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4" id={headingId}>
          {title}
        </Title>
        {actions && <Group gap="xs">{actions}</Group>}
      </Group>
      {children}
    </Card>
  );
}
