import { Alert, Anchor, Button, Checkbox, FileInput, List, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportReportDto } from '../../../../server/features/knowledge-import/knowledge-import.schemas.js';
import { errorMessage } from '../../common/errors.js';
import { tenantPath } from '../../common/paths.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

const ACCEPT = '.docx,.pdf,.md,.markdown,.txt,.csv,.xlsx';

function ImportReport({ report }: { report: ImportReportDto }) {
  const { t } = useTranslation();
  const { slug } = useTenant();
  return (
    <Stack gap="xs" aria-live="polite">
      <Alert color={report.counts.articles > 0 ? 'teal' : 'yellow'}>
        {t('knowledge.import.result', { articles: report.counts.articles, categories: report.counts.categories, skipped: report.counts.skipped })}
      </Alert>
      {report.created.length > 0 && (
        <List size="sm" spacing={2}>
          {report.created.slice(0, 50).map((a) => (
            <List.Item key={a.id}>
              <Anchor component={Link} to={`${tenantPath(slug)}/knowledge/${encodeURIComponent(a.id)}/edit`}>
                {a.title}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
      {report.problems.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {t('knowledge.import.problems')}
          </Text>
          <List size="sm" spacing={2}>
            {report.problems.map((p, i) => (
              <List.Item key={i}>
                {p.where}: {p.message}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}

/** Upload a manual (Word, PDF, Markdown) or a Q&A sheet (CSV, Excel): articles are created as drafts by default. */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [visibility, setVisibility] = useState<'internal' | 'public'>('internal');
  const upload = useMutation({
    mutationFn: (form: FormData) => api.post<ImportReportDto>('/api/v1/knowledge/imports', form),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'knowledge') }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('publish', String(publish));
    form.append('visibility', visibility);
    form.append('file', file);
    upload.mutate(form);
  };
  const close = () => {
    upload.reset();
    setFile(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('knowledge.import.title')} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('knowledge.import.help')}
          </Text>
          <FileInput label={t('knowledge.import.file')} accept={ACCEPT} value={file} onChange={setFile} clearable required />
          <SegmentedControl
            data={[
              { value: 'internal', label: t('knowledge.visibility.internal') },
              { value: 'public', label: t('knowledge.visibility.public') },
            ]}
            value={visibility}
            onChange={(v) => setVisibility(v === 'public' ? 'public' : 'internal')}
          />
          <Checkbox label={t('knowledge.import.publish')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
          <Button type="submit" leftSection={<IconFileImport size={16} aria-hidden />} loading={upload.isPending} disabled={!file}>
            {t('knowledge.import.submit')}
          </Button>
          {upload.isError && (
            <Alert color="red" role="alert">
              {errorMessage(upload.error)}
            </Alert>
          )}
          {upload.data && <ImportReport report={upload.data} />}
        </Stack>
      </form>
    </Modal>
  );
}
