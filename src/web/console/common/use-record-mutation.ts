import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tenantKey, useTenant } from '../features/auth/tenant-context.js';

/**
 * A mutation that answers one record (a flow after create, save or publish): the answer becomes
 * the record's cached data, and the list it belongs to is refetched. `resource` names both keys:
 * the record is `tenantKey(slug, resource, id)`, the list `tenantKey(slug, resource, 'list')`.
 */
export function useRecordMutation<I, R extends { id: string }>(resource: string, call: (input: I) => Promise<R>) {
  const { slug } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (record) => {
      queryClient.setQueryData(tenantKey(slug, resource, record.id), record);
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug, resource, 'list') });
    },
  });
}
