import { Badge, Button, Modal, Stack, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import { errorMessage } from '../../common/errors.js';
import { FlowListPage } from '../../common/flow-list-page.js';
import { tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { starterIvrFlow } from './ivr-flow-edit.js';
import { useCreateIvrFlow, useIvrFlows } from './ivr.queries.js';

function CreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { slug } = useTenant();
  const navigate = useNavigate();
  const create = useCreateIvrFlow();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [numbers, setNumbers] = useState<string[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const flow = starterIvrFlow({ menu: t('ivr.newText.menu'), hangup: t('ivr.newText.hangup') });
    create.mutate({ name: name.trim(), description, numbers, flow }, { onSuccess: (created) => navigate(`${tenantPath(slug)}/ivr-flows/${encodeURIComponent(created.id)}`) });
  };
  const error = create.error;
  const numbersError = error instanceof ApiError ? (error.fieldError('numbers') ?? (error.reason === 'number_taken' ? error.detail : undefined)) : undefined;
  return (
    <Modal opened={opened} onClose={onClose} title={t('ivr.new')}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput label={t('ivr.name')} required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus />
          <Textarea label={t('ivr.description')} maxLength={2000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <TagsInput label={t('ivr.numbers')} description={t('ivr.numbersHelp')} value={numbers} onChange={setNumbers} maxTags={50} splitChars={[',', '、']} error={numbersError} />
          {error && !numbersError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(error)}
            </Text>
          )}
          <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
            {t('ivr.create')}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

/** /t/:tenant/ivr-flows — the tenant's IVR flows (自動音声応答) with the numbers they answer. */
export function IvrFlowListPage() {
  const { t } = useTranslation();
  const { slug, can } = useTenant();
  return (
    <FlowListPage
      title={t('ivr.title')}
      newLabel={t('ivr.new')}
      canCreate={can('ivr:write')}
      query={useIvrFlows()}
      empty={t('ivr.empty')}
      headers={{ name: t('ivr.name'), columns: [t('ivr.numbers'), t('ivr.publishedVersion')], updatedAt: t('ivr.updatedAt') }}
      editorPath={(id) => `${tenantPath(slug)}/ivr-flows/${encodeURIComponent(id)}`}
      cells={(f) => [
        f.numbers.length ? f.numbers.join(', ') : <Text c="dimmed" size="sm">{t('ivr.noNumbers')}</Text>,
        f.publishedVersion ? <Badge color="teal">{t('ivr.versionNumber', { version: f.publishedVersion })}</Badge> : <Badge color="gray">{t('ivr.notPublished')}</Badge>,
      ]}
      createDialog={(opened, onClose) => <CreateModal opened={opened} onClose={onClose} />}
    />
  );
}
