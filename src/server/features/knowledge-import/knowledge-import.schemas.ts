import { z } from 'zod';
import { pageFields, pageOf } from '../../platform/http.schemas.js';

/** One upload: a whole manual fits; bigger files are usually scans (no text) or should be split. */
export const KNOWLEDGE_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** What a .docx/.xlsx may expand to (a ZIP bomb is refused before it is unpacked). */
export const KNOWLEDGE_IMPORT_MAX_EXPANDED_BYTES = 200 * 1024 * 1024;
/** Articles one import may create. */
export const KNOWLEDGE_IMPORT_MAX_ARTICLES = 5_000;

export const IMPORT_FORMATS = ['docx', 'pdf', 'markdown', 'text', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const flag = z.enum(['true', 'false', '1', '0', 'on']).default('false').transform((v) => v === 'true' || v === '1' || v === 'on');

/** The form fields sent beside the file (multipart/form-data). */
export const importFields = z.strictObject({
  publish: flag.describe('true: publish the articles at once; default: drafts for review'),
  visibility: z.enum(['public', 'internal']).default('internal'),
  force: flag.describe('true: import a file that was imported before'),
  categoryId: z.uuid({ message: 'must be a UUID' }).optional().describe('file the categories and articles under this category'),
});
export type ImportFields = z.output<typeof importFields>;

export const importListQuery = z.object(pageFields);

const problemDto = z.object({
  where: z.string(),
  code: z.string(),
  /** True when something was left out (a row, a section); false for a warning. */
  skipped: z.boolean(),
  message: z.string(),
});
export const importReportDto = z.object({
  id: z.uuid(),
  fileName: z.string(),
  format: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.uuid().nullable(),
  published: z.boolean(),
  visibility: z.string(),
  counts: z.object({ articles: z.number().int(), categories: z.number().int(), skipped: z.number().int(), warnings: z.number().int() }),
  created: z.array(z.object({ id: z.uuid(), title: z.string(), categoryId: z.uuid().nullable(), source: z.string().nullable() })),
  problems: z.array(problemDto),
});
export type ImportReportDto = z.infer<typeof importReportDto>;

export const importSummaryDto = importReportDto.omit({ created: true, problems: true });
export const importListDto = pageOf(importSummaryDto);
