import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ContactPoint,
  ContactPointCreate,
  Customer,
  CustomerCreate,
  CustomerListQuery,
  CustomerOverview,
  CustomerPatch,
  CustomerSummary,
  Page,
} from '../../api/types.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';

export function customerOverviewKey(slug: string, customerId: string): unknown[] {
  return tenantKey(slug, 'customer', customerId);
}

export function useCustomerSearch(query: Required<Pick<CustomerListQuery, 'page' | 'pageSize'>> & { q: string }) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: tenantKey(slug, 'customers', query),
    queryFn: ({ signal }) =>
      api.get<Page<CustomerSummary>>('/api/v1/customers', { q: query.q, page: query.page, pageSize: query.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerOverview(customerId: string) {
  const { slug, api } = useTenant();
  return useQuery({
    queryKey: customerOverviewKey(slug, customerId),
    queryFn: ({ signal }) =>
      api.get<CustomerOverview>(`/api/v1/customers/${encodeURIComponent(customerId)}/overview`, undefined, signal),
    enabled: customerId !== '',
  });
}

export function useCreateCustomer() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerCreate) => api.post<Customer>('/api/v1/customers', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'customers') }),
  });
}

export function useUpdateCustomer(customerId: string) {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: CustomerPatch) => api.patch<Customer>(`/api/v1/customers/${encodeURIComponent(customerId)}`, patch),
    onSuccess: (customer) => {
      queryClient.setQueryData<CustomerOverview>(customerOverviewKey(slug, customerId), (old) => (old ? { ...old, customer } : old));
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'customers') });
    },
  });
}

export function useAddContactPoint(customerId: string) {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactPointCreate) =>
      api.post<ContactPoint>(`/api/v1/customers/${encodeURIComponent(customerId)}/contact-points`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerOverviewKey(slug, customerId) });
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'customers') });
    },
  });
}

export function useRemoveContactPoint(customerId: string) {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactPointId: string) => api.delete(`/api/v1/contact-points/${encodeURIComponent(contactPointId)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerOverviewKey(slug, customerId) });
      void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'customers') });
    },
  });
}
