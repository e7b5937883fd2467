import { Button, Group, Popover, Text, type ButtonProps } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';

export interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  children: ReactNode;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
}

/** A button that asks once before doing something that cannot be undone. */
export function ConfirmButton({ children, question, confirmLabel, cancelLabel, onConfirm, ...buttonProps }: ConfirmButtonProps) {
  const [opened, setOpened] = useState(false);
  const questionId = useId();
  return (
    <Popover opened={opened} onChange={setOpened} trapFocus returnFocus withArrow position="bottom-end">
      <Popover.Target>
        <Button {...buttonProps} onClick={() => setOpened((o) => !o)}>
          {children}
        </Button>
      </Popover.Target>
      {/* Named by the question, not by the button that opened it. */}
      <Popover.Dropdown aria-labelledby={questionId}>
        <Text size="sm" mb="xs" id={questionId}>
          {question}
        </Text>
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="default" onClick={() => setOpened(false)}>
            {cancelLabel}
          </Button>
          <Button
            size="xs"
            color="red"
            onClick={() => {
              setOpened(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
