import { z } from 'zod';

export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'shift_jis'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** The limits of one import: a client's whole list fits; anything bigger goes in several files. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

// Spellings people type for the encoding, mapped to the two we decode.
const encodingAliases: Record<string, ImportEncoding> = {
  auto: 'auto', 'utf-8': 'utf-8', utf8: 'utf-8', shift_jis: 'shift_jis', 'shift-jis': 'shift_jis', sjis: 'shift_jis', cp932: 'shift_jis', 'windows-31j': 'shift_jis',
};

const flag = z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1');

export const customerImportQuery = z.object({
  encoding: z.enum(Object.keys(encodingAliases) as [string, ...string[]]).default('auto')
    .transform((v) => encodingAliases[v] ?? 'auto')
    .describe('auto (BOM → UTF-8, valid UTF-8 → UTF-8, else Shift_JIS/CP932), utf-8 or shift_jis'),
  dryRun: flag.describe('true: validate and count what would change, write nothing'),
});

export const importRowErrorDto = z.object({
  /** 1-based line number in the file, the header being line 1. */
  row: z.number().int(),
  /** The header of the offending column as written in the file; null for errors about the whole row. */
  column: z.string().nullable(),
  message: z.string(),
  value: z.string().optional(),
});
export type ImportRowError = z.infer<typeof importRowErrorDto>;

export const customerImportReportDto = z.object({
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  errors: z.array(importRowErrorDto),
  encoding: z.enum(['utf-8', 'shift_jis']),
  dryRun: z.boolean(),
  /** Header cells no known column name matched: their data was not imported. */
  ignoredColumns: z.array(z.string()),
});
export type CustomerImportReport = z.infer<typeof customerImportReportDto>;
