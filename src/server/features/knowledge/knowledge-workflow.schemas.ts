import { z } from 'zod';
import { articleContentFields } from './knowledge.schemas.js';

const version = z.coerce.number().int().min(1, 'versions start at 1').max(1_000_000);
const note = (max: number) => z.string().trim().max(max);

/** PUT: a new draft version. `baseVersion` is the latest version the editor started from. */
export const saveDraftBody = z.object({
  ...articleContentFields,
  baseVersion: z.number().int().min(1),
  /** What changed, for the history. */
  note: note(500).optional(),
});
export type SaveDraftInput = z.output<typeof saveDraftBody>;

export const approveBody = z.object({ note: note(1000).optional() }).default({});
export const rejectBody = z.object({ note: note(1000).min(1, 'say what to change: a note is required') });
export const restoreBody = z.object({ version, baseVersion: z.number().int().min(1).optional() });
export const versionParams = z.object({ id: z.uuid({ message: 'must be a UUID' }), v: version });
export const diffQuery = z.object({ from: version, to: version });

const versionMeta = {
  version: z.number().int(), status: z.string(), title: z.string(), note: z.string().nullable(),
  createdBy: z.uuid().nullable(), createdAt: z.string(),
  reviewedBy: z.uuid().nullable(), reviewedAt: z.string().nullable(), reviewNote: z.string().nullable(),
  /** The version readers see now. */
  isPublished: z.boolean(),
};
export const versionSummaryDto = z.object(versionMeta);
export const versionDto = z.object({
  ...versionMeta,
  body: z.string(), bodyHtml: z.string(), tags: z.array(z.string()), productSkus: z.array(z.string()),
  categoryId: z.uuid().nullable(), visibility: z.string(), relatedIds: z.array(z.uuid()),
});
export type VersionDto = z.infer<typeof versionDto>;

const diffLine = z.object({ op: z.enum(['add', 'remove', 'context']), text: z.string() });
export const diffDto = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fields: z.array(z.object({
    field: z.string(),
    hunks: z.array(z.object({ oldStart: z.number().int(), oldLines: z.number().int(), newStart: z.number().int(), newLines: z.number().int(), lines: z.array(diffLine) })),
  })),
});

/** After a workflow move: where the article stands. */
export const workflowResultDto = z.object({
  id: z.uuid(), status: z.string(), latestVersion: z.number().int(), publishedVersion: z.number().int().nullable(),
});
