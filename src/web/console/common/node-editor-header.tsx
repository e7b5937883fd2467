import { Button, Group, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';

/** The head of a flow editor's node panel: what the node is, and the buttons to make it the start or delete it. */
export function NodeEditorHeader(props: {
  title: string;
  isStart: boolean;
  startLabel: string;
  makeStartLabel: string;
  deleteLabel: string;
  onMakeStart: () => void;
  onRemove: () => void;
  /** Read-only viewers see the title only. */
  readOnly?: boolean;
}) {
  return (
    <Group justify="space-between">
      <Text fw={700} data-testid="node-editor-title">
        {props.title}
        {props.isStart && ` (${props.startLabel})`}
      </Text>
      {!props.readOnly && (
        <Group gap="xs">
          {!props.isStart && (
            <Button size="xs" variant="default" onClick={props.onMakeStart}>
              {props.makeStartLabel}
            </Button>
          )}
          <Button size="xs" color="red" variant="light" leftSection={<IconTrash size={14} aria-hidden />} onClick={props.onRemove}>
            {props.deleteLabel}
          </Button>
        </Group>
      )}
    </Group>
  );
}
