import { Alert, Badge, Group, List, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** One problem of a flow as the editors list it: the node (if any) and the reason, already worded. */
export interface ListedProblem {
  nodeId: string | null;
  nodeIds?: readonly string[] | undefined;
  text: string;
}

/**
 * The problems of a flow, each a button that selects its node (or the first node of its loop); a
 * green note when there are none. Shared by the talk-flow and IVR editors.
 */
export function FlowProblemList(props: {
  problems: readonly ListedProblem[];
  title: string;
  validText: string;
  onPick: (nodeId: string | null) => void;
  /** Shows the node's id before the reason. */
  withNodeBadge?: boolean;
  children?: ReactNode;
}) {
  const { problems } = props;
  if (problems.length === 0) {
    return (
      <Alert color="teal" icon={<IconCheck size={18} aria-hidden />}>
        {props.validText}
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} aria-hidden />} title={props.title} data-testid="flow-problems">
      {props.children}
      <List size="sm">
        {problems.map((p, i) => {
          const nodeId = p.nodeId ?? p.nodeIds?.[0] ?? null;
          return (
            <List.Item key={i}>
              <UnstyledButton onClick={() => props.onPick(nodeId)} data-node={nodeId ?? undefined}>
                {props.withNodeBadge && nodeId ? (
                  <Group gap={6} wrap="nowrap" component="span">
                    <Badge size="sm" variant="outline" color="red" tt="none" style={{ flexShrink: 0 }}>
                      {nodeId}
                    </Badge>
                    <span>{p.text}</span>
                  </Group>
                ) : (
                  p.text
                )}
              </UnstyledButton>
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}
