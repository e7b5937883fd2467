import { Checkbox, Group, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { AddRowButton, RemoveRowButton } from '../../common/row-buttons.js';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DTMF_KEYS, IVR_LIMITS, type DtmfKey, type IvrFlow, type IvrNode, type IvrNodeId, type MenuNode, type SetNode } from '../../../../core/ivr/ivr.types.js';
import { NodeEditorHeader } from '../../common/node-editor-header.js';
import { nodeOptionLabel, linkLabel } from './ivr-labels.js';
import { attributeValue } from './ivr-test-walk.js';

export interface Choice {
  value: string;
  label: string;
}

interface Pickers {
  /** Every node of the flow, as link targets. */
  targets: Choice[];
  queues: Choice[];
  skills: Choice[];
}

/** A choice for a value the list does not have (a deleted node or queue), so the select still shows it. */
function withCurrent(data: Choice[], value: string, unknownLabel: (v: string) => string): Choice[] {
  return value === '' || data.some((d) => d.value === value) ? data : [{ value, label: unknownLabel(value) }, ...data];
}

/** Where a link leads: any node of the flow (a menu may lead back to itself to repeat). */
function LinkSelect({ label, value, onChange, targets }: { label: string; value: IvrNodeId; onChange: (v: IvrNodeId) => void; targets: Choice[] }) {
  return (
    <Select
      label={label}
      data={withCurrent(targets, value, (v) => `⚠ ${v}`)}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      allowDeselect={false}
      error={value === '' ? undefined : targets.some((o) => o.value === value) ? undefined : ' '}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

function QueueSelect({ label, value, onChange, queues }: { label: string; value: string; onChange: (v: string) => void; queues: Choice[] }) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      required
      data={withCurrent(queues, value, (id) => t('ivr.fields.unknownQueue', { id }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

const num = (v: number | string, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
/** An optional text: blank is "none" (the API refuses empty strings). */
const optional = (v: string) => (v.trim() ? v : undefined);

function TextField({ label, value, onChange, required }: { label: string; value: string | undefined; onChange: (v: string) => void; required?: boolean }) {
  return <Textarea label={label} required={required} autosize minRows={1} maxLength={IVR_LIMITS.textLength} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} />;
}

/** Timeout and retries of a node that waits for keys, with the retry text and the onFail link. */
function InputLimits({ node, onChange, targets }: { node: Extract<IvrNode, { type: 'menu' | 'gather' }>; onChange: (n: IvrNode) => void; targets: Choice[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Group grow>
        <NumberInput label={t('ivr.fields.timeoutSec')} min={1} max={IVR_LIMITS.timeoutSec} value={node.timeoutSec} onChange={(v) => onChange({ ...node, timeoutSec: num(v, 5) })} />
        <NumberInput label={t('ivr.fields.retries')} min={0} max={IVR_LIMITS.retries} value={node.retries} onChange={(v) => onChange({ ...node, retries: num(v, 0) })} />
      </Group>
      <TextField label={t('ivr.fields.retryText')} value={node.retryText} onChange={(v) => onChange({ ...node, retryText: optional(v) })} />
      <LinkSelect label={linkLabel(t, 'onFail')} value={node.onFail} onChange={(onFail) => onChange({ ...node, onFail })} targets={targets} />
    </>
  );
}

function MenuOptions({ node, onChange, targets }: { node: MenuNode; onChange: (n: IvrNode) => void; targets: Choice[] }) {
  const { t } = useTranslation();
  const freeKey = DTMF_KEYS.find((k) => !node.options.some((o) => o.key === k));
  const setOption = (i: number, patch: Partial<MenuNode['options'][number]>) => onChange({ ...node, options: node.options.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('ivr.fields.options')}
      </Text>
      {node.options.map((option, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            w={90}
            label={t('ivr.fields.optionKey')}
            data={[...DTMF_KEYS]}
            value={option.key}
            onChange={(key) => key && setOption(i, { key: key as DtmfKey })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <div style={{ flex: 1 }}>
            <LinkSelect label={linkLabel(t, `key ${option.key}`)} value={option.next} onChange={(next) => setOption(i, { next })} targets={targets} />
          </div>
          <RemoveRowButton label={t('ivr.fields.removeOption', { key: option.key })} onClick={() => onChange({ ...node, options: node.options.filter((_, j) => j !== i) })} />
        </Group>
      ))}
      <AddRowButton
        label={t('ivr.fields.addOption')}
        disabled={!freeKey || node.options.length >= IVR_LIMITS.optionsPerMenu}
        onClick={() => freeKey && onChange({ ...node, options: [...node.options, { key: freeKey, next: '' }] })}
      />
    </Stack>
  );
}

function SkillList({ node, onChange, skills }: { node: SetNode; onChange: (n: IvrNode) => void; skills: Choice[] }) {
  const { t } = useTranslation();
  const list = node.skills ?? [];
  const set = (next: SetNode['skills']) => onChange({ ...node, skills: next && next.length > 0 ? next : undefined });
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('ivr.fields.skills')}
      </Text>
      {list.map((s, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1 }}
            label={t('ivr.fields.skill')}
            data={withCurrent(skills, s.skill, (v) => v)}
            value={s.skill || null}
            onChange={(skill) => set(list.map((x, j) => (j === i ? { ...x, skill: skill ?? '' } : x)))}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <NumberInput w={110} label={t('ivr.fields.minLevel')} min={1} max={10} value={s.minLevel} onChange={(v) => set(list.map((x, j) => (j === i ? { ...x, minLevel: num(v, 1) } : x)))} />
          <RemoveRowButton label={t('ivr.fields.removeSkill', { n: i + 1 })} onClick={() => set(list.filter((_, j) => j !== i))} />
        </Group>
      ))}
      <AddRowButton label={t('ivr.fields.addSkill')} disabled={list.length >= 10 || skills.length === 0} onClick={() => set([...list, { skill: skills[0]?.value ?? '', minLevel: 1 }])} />
    </Stack>
  );
}

/** The fields of one node type. */
function TypeFields({ node, onChange, pickers }: { node: IvrNode; onChange: (n: IvrNode) => void; pickers: Pickers }): ReactNode {
  const { t } = useTranslation();
  const { targets, queues } = pickers;
  const link = (field: 'next' | 'found' | 'notFound' | 'open' | 'closed' | 'then' | 'else', value: string, set: (v: string) => IvrNode) => (
    <LinkSelect label={linkLabel(t, field)} value={value} onChange={(v) => onChange(set(v))} targets={targets} />
  );
  const promptField = (n: Extract<IvrNode, { prompt: string }>) => (
    <TextField label={t('ivr.fields.prompt')} required value={n.prompt} onChange={(prompt) => onChange({ ...n, prompt })} />
  );
  const textField = (n: Extract<IvrNode, { text: string }>) => <TextField label={t('ivr.fields.text')} required value={n.text} onChange={(text) => onChange({ ...n, text })} />;
  const optionalTextField = (n: Extract<IvrNode, { type: 'enqueue' | 'transfer' | 'hangup' }>) => (
    <TextField label={t('ivr.fields.optionalText')} value={n.text} onChange={(v) => onChange({ ...n, text: optional(v) })} />
  );
  const queueField = (n: Extract<IvrNode, { queueId: string }>) => (
    <QueueSelect label={t('ivr.fields.queue')} value={n.queueId} onChange={(queueId) => onChange({ ...n, queueId })} queues={queues} />
  );
  switch (node.type) {
    case 'say':
      return (
        <>
          {textField(node)}
          {link('next', node.next, (next) => ({ ...node, next }))}
        </>
      );
    case 'menu':
      return (
        <>
          {promptField(node)}
          <MenuOptions node={node} onChange={onChange} targets={targets} />
          <InputLimits node={node} onChange={onChange} targets={targets} />
        </>
      );
    case 'gather':
      return (
        <>
          {promptField(node)}
          <Select
            label={t('ivr.fields.into')}
            data={(['serial', 'phone', 'member', 'payment'] as const).map((k) => ({ value: k, label: t(`ivr.fields.intoKinds.${k}`) }))}
            value={node.into}
            onChange={(into) => into && onChange({ ...node, into: into as typeof node.into })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Group grow>
            <NumberInput label={t('ivr.fields.minDigits')} min={1} max={IVR_LIMITS.maxDigits} value={node.minDigits} onChange={(v) => onChange({ ...node, minDigits: num(v, 1) })} />
            <NumberInput label={t('ivr.fields.maxDigits')} min={1} max={IVR_LIMITS.maxDigits} value={node.maxDigits} onChange={(v) => onChange({ ...node, maxDigits: num(v, 1) })} />
          </Group>
          <Checkbox label={t('ivr.fields.luhn')} checked={!!node.luhn} onChange={(e) => onChange({ ...node, luhn: e.currentTarget.checked || undefined })} />
          {link('next', node.next, (next) => ({ ...node, next }))}
          <InputLimits node={node} onChange={onChange} targets={targets} />
        </>
      );
    case 'lookup':
      return (
        <>
          <Select
            label={t('ivr.fields.by')}
            data={(['caller', 'serial', 'phone', 'member'] as const).map((k) => ({ value: k, label: t(`ivr.fields.byKinds.${k}`) }))}
            value={node.by}
            onChange={(by) => by && onChange({ ...node, by: by as typeof node.by })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          {link('found', node.found, (found) => ({ ...node, found }))}
          {link('notFound', node.notFound, (notFound) => ({ ...node, notFound }))}
        </>
      );
    case 'hours':
      return (
        <>
          <QueueSelect label={t('ivr.fields.calendar')} value={node.calendar} onChange={(calendar) => onChange({ ...node, calendar })} queues={queues} />
          {link('open', node.open, (open) => ({ ...node, open }))}
          {link('closed', node.closed, (closed) => ({ ...node, closed }))}
        </>
      );
    case 'branch':
      return (
        <>
          <TextInput label={t('ivr.fields.attribute')} required maxLength={100} value={node.attribute} onChange={(e) => onChange({ ...node, attribute: e.currentTarget.value })} />
          <TextInput label={t('ivr.fields.equals')} description={t('ivr.fields.equalsHelp')} maxLength={200} value={String(node.equals)} onChange={(e) => onChange({ ...node, equals: attributeValue(e.currentTarget.value) })} />
          {link('then', node.then, (then) => ({ ...node, then }))}
          {link('else', node.else, (otherwise) => ({ ...node, else: otherwise }))}
        </>
      );
    case 'set':
      return (
        <>
          <NumberInput label={t('ivr.fields.priority')} min={0} max={100} value={node.priority ?? ''} onChange={(v) => onChange({ ...node, priority: typeof v === 'number' ? v : undefined })} />
          <SkillList node={node} onChange={onChange} skills={pickers.skills} />
          {link('next', node.next, (next) => ({ ...node, next }))}
        </>
      );
    case 'enqueue':
      return (
        <>
          {queueField(node)}
          {optionalTextField(node)}
        </>
      );
    case 'voicemail':
      return (
        <>
          {promptField(node)}
          <NumberInput label={t('ivr.fields.maxSec')} min={5} max={600} value={node.maxSec} onChange={(v) => onChange({ ...node, maxSec: num(v, 120) })} />
          {queueField(node)}
        </>
      );
    case 'callback':
      return (
        <>
          {textField(node)}
          {queueField(node)}
        </>
      );
    case 'transfer':
      return (
        <>
          <TextInput label={t('ivr.fields.number')} required maxLength={40} value={node.number} onChange={(e) => onChange({ ...node, number: e.currentTarget.value })} />
          {optionalTextField(node)}
        </>
      );
    case 'hangup':
      return optionalTextField(node);
  }
}

/** The node's id, renamed when the field is left (not at each key: a half-typed id may be another node's). */
function IdField({ flow, node, onRename }: { flow: IvrFlow; node: IvrNode; onRename: (id: IvrNodeId) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(node.id);
  useEffect(() => setValue(node.id), [node.id]);
  const taken = value !== node.id && flow.nodes.some((n) => n.id === value);
  const invalid = !IVR_LIMITS.idPattern.test(value);
  const commit = () => {
    if (value === node.id) return;
    if (taken || invalid) setValue(node.id);
    else onRename(value);
  };
  return (
    <TextInput
      label={t('ivr.fields.id')}
      description={t('ivr.fields.idHelp')}
      value={value}
      maxLength={64}
      error={taken ? t('ivr.fields.idTaken') : invalid ? t('ivr.fields.idInvalid') : undefined}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}

/** Edits one node of an IVR flow: its id, its fields and where each of its links leads. */
export function IvrNodeEditor(props: {
  flow: IvrFlow;
  node: IvrNode;
  queues: Choice[];
  skills: Choice[];
  readOnly: boolean;
  onChange: (node: IvrNode) => void;
  onRemove: () => void;
  onMakeStart: () => void;
}) {
  const { t } = useTranslation();
  const { flow, node, readOnly } = props;
  const targets = flow.nodes.map((n) => ({ value: n.id, label: nodeOptionLabel(t, n) }));
  return (
    <Stack gap="sm" data-testid="ivr-node-editor" data-node={node.id}>
      <NodeEditorHeader
        title={`${t(`ivr.types.${node.type}`)} · ${node.id}`}
        isStart={flow.start === node.id}
        startLabel={t('ivr.start')}
        makeStartLabel={t('ivr.makeStart')}
        deleteLabel={t('common.delete')}
        onMakeStart={props.onMakeStart}
        onRemove={props.onRemove}
        readOnly={readOnly}
      />
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <IdField key={node.id} flow={flow} node={node} onRename={(id) => props.onChange({ ...node, id })} />
          <TypeFields node={node} onChange={props.onChange} pickers={{ targets, queues: props.queues, skills: props.skills }} />
        </Stack>
      </fieldset>
    </Stack>
  );
}
