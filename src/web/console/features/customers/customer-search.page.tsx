import { Button, Card, Loader, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../ui/page-header.js';
import { PagedResults } from '../../common/paged-results.js';
import { customerPath, tenantPath } from '../../common/paths.js';
import { useTenant } from '../auth/tenant-context.js';
import { CustomerCreateModal } from './customer-create-modal.js';
import { CustomerTable } from './customer-table.js';
import { useCustomerSearch } from './customer.queries.js';

const PAGE_SIZE = 20;

function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** One box for everything an agent may hear first: name, kana, phone (any format), e-mail, serial. */
export function CustomerSearchPage() {
  const { t } = useTranslation();
  const { slug, can } = useTenant();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = pageParam(params.get('page'));

  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 300);
  const [creating, setCreating] = useState(false);

  const applyQuery = (value: string) => {
    const next = value.trim();
    if (next === q) return;
    setParams(next ? { q: next } : {}, { replace: true });
  };

  // Typing searches by itself after a short pause; Enter searches at once.
  useEffect(() => applyQuery(debounced), [debounced]);
  // Back/forward navigation changes the URL: follow it.
  useEffect(() => {
    setText((current) => (current.trim() === q ? current : q));
  }, [q]);

  const search = useCustomerSearch({ q, page, pageSize: PAGE_SIZE });
  const hrefOf = (customer: { id: string }) => customerPath(tenantPath(slug), customer.id);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    applyQuery(text);
  };

  const setPage = (next: number) => {
    const nextParams = new URLSearchParams(params);
    nextParams.set('page', String(next));
    setParams(nextParams);
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('customers.title')}
        actions={
          can('customers:write') && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('customers.new')}
            </Button>
          )
        }
      />
      <Card withBorder radius="md" padding="md">
        <form onSubmit={onSubmit} role="search">
          <TextInput
            label={t('customers.search')}
            placeholder={t('customers.searchPlaceholder')}
            type="search"
            size="md"
            autoFocus
            autoComplete="off"
            leftSection={<IconSearch size={18} aria-hidden />}
            rightSection={search.isFetching ? <Loader size="xs" aria-hidden /> : null}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
        </form>
      </Card>
      <PagedResults query={search} emptyText={t('customers.empty')} onPageChange={setPage}>
        {(customers) => <CustomerTable customers={customers} hrefOf={hrefOf} />}
      </PagedResults>
      <CustomerCreateModal
        opened={creating}
        onClose={() => setCreating(false)}
        searchText={q}
        onCreated={(customer) => {
          setCreating(false);
          navigate(hrefOf(customer));
        }}
      />
    </Stack>
  );
}
