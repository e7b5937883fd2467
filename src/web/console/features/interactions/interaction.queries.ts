import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Case, CasePriority, Interaction, InteractionCreate } from '../../api/types.js';
import { tenantKey, useTenant } from '../auth/tenant-context.js';
import { caseKey } from '../cases/case.queries.js';
import { customerOverviewKey } from '../customers/customer.queries.js';

export interface LogInteractionInput {
  interaction: InteractionCreate;
  /** Also open a case from this contact, linked to it. */
  createCase?: { title: string; priority: CasePriority };
}

export interface LogInteractionResult {
  interaction: Interaction;
  createdCase: Case | null;
  /** The contact is saved even when the case is not; the caller tells the user which part failed. */
  caseError: unknown;
}

export function useLogInteraction() {
  const { slug, api } = useTenant();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ interaction, createCase }: LogInteractionInput): Promise<LogInteractionResult> => {
      const saved = await api.post<Interaction>('/api/v1/interactions', interaction);
      if (!createCase) return { interaction: saved, createdCase: null, caseError: null };
      try {
        const createdCase = await api.post<Case>('/api/v1/cases', {
          title: createCase.title,
          priority: createCase.priority,
          interactionId: saved.id,
          ...(saved.customerId ? { customerId: saved.customerId } : {}),
        });
        return { interaction: saved, createdCase, caseError: null };
      } catch (caseError) {
        return { interaction: saved, createdCase: null, caseError };
      }
    },
    onSuccess: ({ interaction, createdCase }) => {
      if (interaction.customerId) void queryClient.invalidateQueries({ queryKey: customerOverviewKey(slug, interaction.customerId) });
      if (interaction.caseId) void queryClient.invalidateQueries({ queryKey: caseKey(slug, interaction.caseId) });
      if (interaction.caseId || createdCase) void queryClient.invalidateQueries({ queryKey: tenantKey(slug, 'cases') });
    },
  });
}
