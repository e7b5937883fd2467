import { createHash } from 'node:crypto';
import type { ManualArticle } from '../../../core/knowledge/manual-split.js';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ArticleInput, KnowledgeService } from '../knowledge/knowledge.service.js';
import { detectFormat } from './import-format.js';
import { readImportFile } from './import-reader.js';
import { importErrors } from './knowledge-import.errors.js';
import { isSkipped, localizeWhere, noteMessage, type ImportNote, type Lang } from './knowledge-import.messages.js';
import type { ImportRow, KnowledgeImportRepository } from './knowledge-import.repository.js';
import { KNOWLEDGE_IMPORT_MAX_ARTICLES, KNOWLEDGE_IMPORT_MAX_BYTES, type ImportReportDto } from './knowledge-import.schemas.js';

interface Deps {
  repo: KnowledgeImportRepository;
  knowledge: KnowledgeService;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
}

export interface ImportInput {
  fileName: string;
  data: Buffer;
  publish?: boolean | undefined;
  visibility?: 'public' | 'internal' | undefined;
  /** File everything under this category. */
  categoryId?: string | undefined;
  /** Import a file that was imported before. */
  force?: boolean | undefined;
  /** Articles written so far, of how many (the CLI's progress bar). */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** What knowledge_imports.report holds: both languages, so a report reads in either later. */
interface StoredReport {
  published: boolean;
  visibility: string;
  categories: number;
  created: { id: string; title: string; categoryId: string | null; source: string | null }[];
  problems: { where: string; code: string; skipped: boolean; ja: string; en: string }[];
}

const CHUNK = 100;
const CATEGORY_NAME_MAX = 100;

/** A file name as shown in reports: no directories, no control characters, bounded. */
const cleanFileName = (name: string) => name.replace(/^.*[/\\]/, '').replace(/\p{Cc}/gu, '').trim().slice(0, 255) || 'upload';

export function toImportReportDto(row: ImportRow, lang: Lang): ImportReportDto {
  const report = row.report as StoredReport;
  return {
    id: row.id, fileName: row.fileName, format: row.format, sha256: row.sha256, createdAt: row.createdAt.toISOString(), createdBy: row.createdBy,
    published: report.published, visibility: report.visibility,
    counts: { articles: row.created, categories: report.categories, skipped: row.failed, warnings: report.problems.length - row.failed },
    created: report.created,
    problems: report.problems.map((p) => ({ where: localizeWhere(p.where, lang), code: p.code, skipped: p.skipped, message: p[lang] })),
  };
}

/** Manuals and Q&A sheets into the knowledge base (C7): read, split, file under categories, report. */
export function createKnowledgeImportService(deps: Deps) {
  /** Category ids for heading paths: existing categories reused by name under the same parent, others created. */
  async function categoryResolver(ctx: TenantContext, rootId: string | null) {
    const all = await deps.knowledge.categories(ctx);
    if (rootId && !all.some((c) => c.id === rootId)) throw new AppError('validation_failed', 'Unknown category', [{ path: 'categoryId', message: 'no such category in this tenant' }]);
    const byKey = new Map(all.map((c) => [`${c.parentId ?? ''}/${c.name}`, c.id]));
    let created = 0;
    return {
      get created() { return created; },
      async idOf(path: readonly string[]): Promise<string | null> {
        let parent = rootId;
        for (const raw of path) {
          const name = raw.slice(0, CATEGORY_NAME_MAX);
          const key = `${parent ?? ''}/${name}`;
          let id = byKey.get(key);
          if (!id) {
            id = (await deps.knowledge.createCategory(ctx, { name, parentId: parent })).id;
            byKey.set(key, id);
            created++;
          }
          parent = id;
        }
        return parent;
      },
    };
  }

  return {
    async importKnowledge(ctx: TenantContext, input: ImportInput) {
      if (input.data.length === 0) throw importErrors.empty();
      if (input.data.length > KNOWLEDGE_IMPORT_MAX_BYTES) throw importErrors.tooLarge(input.data.length, KNOWLEDGE_IMPORT_MAX_BYTES);
      const fileName = cleanFileName(input.fileName);
      const format = detectFormat(fileName, input.data);
      const sha256 = createHash('sha256').update(input.data).digest('hex');
      if (!input.force) {
        const previous = await deps.repo.findBySha256(ctx.tenantId, sha256);
        if (previous) throw importErrors.alreadyImported({ at: previous.createdAt, fileName: previous.fileName });
      }
      const categories = await categoryResolver(ctx, input.categoryId ?? null);

      const read = await readImportFile(format, fileName, input.data);
      const notes: ImportNote[] = [...read.notes];
      if (read.articles.length === 0) throw importErrors.nothingToImport(notes);
      let articles: ManualArticle[] = read.articles;
      if (articles.length > KNOWLEDGE_IMPORT_MAX_ARTICLES) {
        notes.push({ code: 'too_many_articles', where: 'file', limit: KNOWLEDGE_IMPORT_MAX_ARTICLES, total: articles.length });
        articles = articles.slice(0, KNOWLEDGE_IMPORT_MAX_ARTICLES);
      }

      const publish = input.publish === true;
      const visibility = input.visibility ?? 'internal';
      const created: StoredReport['created'] = [];
      input.onProgress?.(0, articles.length);
      for (let i = 0; i < articles.length; i += CHUNK) {
        const chunk = articles.slice(i, i + CHUNK);
        const inputs: (ArticleInput & { categoryId: string | null })[] = [];
        for (const a of chunk) inputs.push({ title: a.title, body: a.body, tags: a.tags, categoryId: await categories.idOf(a.categoryPath), visibility, publish });
        const ids = await deps.knowledge.createArticles(ctx, inputs);
        ids.forEach((id, j) => created.push({ id, title: inputs[j]!.title, categoryId: inputs[j]!.categoryId, source: chunk[j]!.source ?? null }));
        input.onProgress?.(created.length, articles.length);
      }

      const problems = notes.map((n) => ({ where: n.where, code: n.code, skipped: isSkipped(n), ...noteMessage(n) }));
      const report: StoredReport = { published: publish, visibility, categories: categories.created, created, problems };
      const row: ImportRow = {
        id: deps.ids(), tenantId: ctx.tenantId, fileName, format, sha256, created: created.length, failed: problems.filter((p) => p.skipped).length,
        report, createdBy: ctx.actorUserId, createdAt: deps.clock.now(),
      };
      await deps.repo.insert(row);
      await deps.audit.record(ctx, {
        action: 'knowledge.import', entity: 'knowledge_import', entityId: row.id,
        changes: { fileName, format, articles: created.length, categories: categories.created, skipped: row.failed, published: publish, forced: input.force === true },
      });
      return row;
    },
    async getImport(ctx: TenantContext, id: string) {
      const row = await deps.repo.findById(ctx.tenantId, id);
      if (!row) throw notFound('Import');
      return row;
    },
    listImports: (ctx: TenantContext, page: number, pageSize: number) => deps.repo.list(ctx.tenantId, pageSize, (page - 1) * pageSize),
  };
}
export type KnowledgeImportService = ReturnType<typeof createKnowledgeImportService>;
