import { Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { AddRowButton, RemoveRowButton } from '../../common/row-buttons.js';
import { useTranslation } from 'react-i18next';
import { OUTCOME_KINDS, TALK_FLOW_LIMITS, type TalkFlowGraph, type TalkFlowNode, type TalkFlowOutcome } from '../../../../core/talk-flow/talk-flow.types.js';
import { NodeEditorHeader } from '../../common/node-editor-header.js';
import { freeChoiceId } from './graph-edit.js';

/** The other nodes as targets of a link, labelled "id · text". */
function targetOptions(graph: TalkFlowGraph, self: string) {
  return graph.nodes.filter((n) => n.id !== self).map((n) => ({ value: n.id, label: `${n.id} · ${n.text.slice(0, 40)}` }));
}

function OutcomeFields({ outcome, onChange }: { outcome: TalkFlowOutcome; onChange: (o: TalkFlowOutcome) => void }) {
  const { t } = useTranslation();
  const kindOf = (kind: string | null): TalkFlowOutcome =>
    kind === 'create_case' ? { kind, priority: 'normal' } : kind === 'schedule_callback' ? { kind } : kind === 'escalate' ? { kind } : { kind: 'disposition', code: 'resolved' };
  return (
    <Stack gap="xs">
      <Select
        label={t('talkFlows.outcome')}
        data={OUTCOME_KINDS.map((k) => ({ value: k, label: t(`talkFlows.outcomes.${k}`) }))}
        value={outcome.kind}
        onChange={(kind) => onChange(kindOf(kind))}
        allowDeselect={false}
      />
      {outcome.kind === 'disposition' && (
        <TextInput label={t('talkFlows.dispositionCode')} value={outcome.code} maxLength={100} onChange={(e) => onChange({ kind: 'disposition', code: e.currentTarget.value })} />
      )}
      {outcome.kind === 'create_case' && (
        <Select
          label={t('talkFlows.casePriority')}
          data={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          value={outcome.priority ?? 'normal'}
          onChange={(p) => onChange({ ...outcome, priority: (p ?? 'normal') as 'low' | 'normal' | 'high' | 'urgent' })}
          allowDeselect={false}
        />
      )}
    </Stack>
  );
}

/** Edits one node: its text, its answers and where each leads, or its outcome. */
export function NodeEditor(props: {
  graph: TalkFlowGraph;
  node: TalkFlowNode;
  onChange: (node: TalkFlowNode) => void;
  onRemove: () => void;
  onMakeStart: () => void;
}) {
  const { t } = useTranslation();
  const { graph, node, onChange } = props;
  const targets = targetOptions(graph, node.id);
  return (
    <Stack gap="sm">
      <NodeEditorHeader
        title={`${t(`talkFlows.types.${node.type}`)} · ${node.id}`}
        isStart={graph.start === node.id}
        startLabel={t('talkFlows.start')}
        makeStartLabel={t('talkFlows.makeStart')}
        deleteLabel={t('common.delete')}
        onMakeStart={props.onMakeStart}
        onRemove={props.onRemove}
      />
      <Textarea
        label={node.type === 'question' ? t('talkFlows.questionText') : t('talkFlows.text')}
        autosize
        minRows={2}
        maxLength={TALK_FLOW_LIMITS.textLength}
        value={node.text}
        onChange={(e) => onChange({ ...node, text: e.currentTarget.value })}
      />
      {node.type === 'question' && (
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('talkFlows.choices')}
          </Text>
          {node.choices.map((choice, i) => (
            <Group key={choice.id} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                label={t('talkFlows.choiceLabel', { n: i + 1 })}
                value={choice.label}
                maxLength={TALK_FLOW_LIMITS.labelLength}
                onChange={(e) => onChange({ ...node, choices: node.choices.map((c) => (c.id === choice.id ? { ...c, label: e.currentTarget.value } : c)) })}
              />
              <Select
                style={{ flex: 1 }}
                label={t('talkFlows.leadsTo')}
                data={targets}
                value={choice.next || null}
                searchable
                onChange={(next) => onChange({ ...node, choices: node.choices.map((c) => (c.id === choice.id ? { ...c, next: next ?? '' } : c)) })}
              />
              <RemoveRowButton label={t('talkFlows.removeChoice', { n: i + 1 })} onClick={() => onChange({ ...node, choices: node.choices.filter((c) => c.id !== choice.id) })} />
            </Group>
          ))}
          <AddRowButton
            label={t('talkFlows.addChoice')}
            disabled={node.choices.length >= TALK_FLOW_LIMITS.choicesPerQuestion}
            onClick={() => onChange({ ...node, choices: [...node.choices, { id: freeChoiceId(node), label: '', next: '' }] })}
          />
        </Stack>
      )}
      {node.type === 'info' && (
        <Select label={t('talkFlows.next')} data={targets} value={node.next || null} searchable onChange={(next) => onChange({ ...node, next: next ?? '' })} />
      )}
      {node.type === 'end' && <OutcomeFields outcome={node.outcome} onChange={(outcome) => onChange({ ...node, outcome })} />}
    </Stack>
  );
}
