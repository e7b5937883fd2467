import { AppError, type FieldError } from '../../platform/app-error.js';
import type { RoutingAdminRepository } from './routing-admin.repository.js';

/** An id named in a request body, with where it was (`body.requiredSkills.0.skillId`). */
export interface Reference {
  path: string;
  id: string;
}

export interface References {
  skills?: Reference[];
  queues?: Reference[];
  hours?: Reference[];
}

async function unknownOf(refs: Reference[] | undefined, existing: (ids: string[]) => Promise<Set<string>>, message: string): Promise<FieldError[]> {
  if (!refs?.length) return [];
  const found = await existing([...new Set(refs.map((r) => r.id))]);
  return refs.filter((r) => !found.has(r.id)).map((r) => ({ path: r.path, message }));
}

/** Skills, queues and hours named in a body must be this tenant's: anything else is a 400 naming each path. */
export async function assertReferences(repo: RoutingAdminRepository, tenantId: string, refs: References): Promise<void> {
  const errors = [
    ...(await unknownOf(refs.skills, (ids) => repo.skills.existing(tenantId, ids), 'no such skill in this tenant')),
    ...(await unknownOf(refs.queues, (ids) => repo.queues.existing(tenantId, ids), 'no such queue in this tenant')),
    ...(await unknownOf(refs.hours, (ids) => repo.hours.existing(tenantId, ids), 'no such business hours in this tenant')),
  ];
  if (errors.length > 0) throw invalid(errors);
}

export function invalid(errors: FieldError[]): AppError {
  return new AppError('validation_failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
}

export const refsAt = <T>(path: string, items: readonly T[] | undefined, id: (item: T) => string | null, field: string): Reference[] =>
  (items ?? []).flatMap((item, i) => {
    const value = id(item);
    return value === null ? [] : [{ path: `${path}.${i}.${field}`, id: value }];
  });
