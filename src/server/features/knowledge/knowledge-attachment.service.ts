import { ATTACHMENT_MAX_BYTES, checkAttachment, cleanFileName } from '../../../core/knowledge/attachment-type.js';
import { AppError, notFound } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { KnowledgeArticleRepository } from './knowledge-article.repository.js';
import type { AttachmentMeta, KnowledgeAttachmentRepository } from './knowledge-attachment.repository.js';
import type { AttachmentDto } from './knowledge-attachment.schemas.js';

interface Deps {
  audit: AuditService;
  articles: KnowledgeArticleRepository;
  attachments: KnowledgeAttachmentRepository;
  ids: IdGenerator;
  clock: Clock;
}

const MB = ATTACHMENT_MAX_BYTES / (1024 * 1024);

/** The problem answers an upload can get, worded in Japanese and English (reason: stable code for the console). */
export const attachmentRefusals = {
  file_too_large: () => new AppError('payload_too_large', `添付ファイルは ${MB} MB までです。/ Attachments are limited to ${MB} MB.`, [{ path: 'file', message: `larger than ${MB} MB` }], 'file_too_large'),
  type_not_allowed: () => new AppError('unsupported_media_type', '添付できるのは PDF・PNG・JPEG・GIF・WebP・テキスト・CSV・Word (docx)・Excel (xlsx) です。/ Allowed types: PDF, PNG, JPEG, GIF, WebP, text, CSV, Word (docx), Excel (xlsx).', [{ path: 'file', message: 'type not allowed' }], 'type_not_allowed'),
  content_mismatch: () => new AppError('unsupported_media_type', 'ファイルの中身が拡張子と一致しません。/ The file content does not match its extension.', [{ path: 'file', message: 'content does not match the extension' }], 'content_mismatch'),
  empty_file: () => new AppError('bad_request', 'ファイルが空です。/ The file is empty.', [{ path: 'file', message: 'empty' }], 'empty_file'),
  no_file: () => new AppError('bad_request', 'ファイルを multipart/form-data の file 欄で送ってください。/ Send the file as multipart/form-data in the "file" field.', [{ path: 'file', message: 'required' }], 'no_file'),
} as const;

const toDto = (m: AttachmentMeta): AttachmentDto => ({ ...m, createdAt: m.createdAt.toISOString() });

/** Attachments of articles: editors add and remove; whoever may read the article may list and download. */
export function createKnowledgeAttachmentService(deps: Deps) {
  /** The article, if this caller may see it (readers: published only). */
  async function article(ctx: TenantContext, articleId: string, drafts: boolean) {
    const a = await deps.articles.findById(ctx.tenantId, articleId);
    if (!a || (a.publishedVersion === null && !drafts)) throw notFound('Article');
    return a;
  }

  return {
    /** Before reading the upload: a missing article answers 404 without taking in 10 MB. */
    assertArticle: async (ctx: TenantContext, articleId: string) => void (await article(ctx, articleId, true)),

    async add(ctx: TenantContext, articleId: string, file: { fileName: string; data: Buffer }) {
      await article(ctx, articleId, true);
      if (file.data.length > ATTACHMENT_MAX_BYTES) throw attachmentRefusals.file_too_large();
      const fileName = cleanFileName(file.fileName);
      const check = checkAttachment(fileName, file.data.subarray(0, 16));
      if (!check.ok) throw attachmentRefusals[check.reason]();
      const meta = await deps.attachments.insert({
        id: deps.ids(), tenantId: ctx.tenantId, articleId, fileName, contentType: check.contentType, data: file.data, createdBy: ctx.actorUserId, createdAt: deps.clock.now(),
      });
      await deps.audit.record(ctx, { action: 'knowledge.attachment.add', entity: 'knowledge_article', entityId: articleId, changes: { attachmentId: meta.id, fileName, size: meta.size, sha256: meta.sha256 } });
      return toDto(meta);
    },
    async list(ctx: TenantContext, articleId: string, opts: { drafts: boolean }) {
      await article(ctx, articleId, opts.drafts);
      return (await deps.attachments.list(ctx.tenantId, articleId)).map(toDto);
    },
    async download(ctx: TenantContext, articleId: string, id: string, opts: { drafts: boolean }) {
      await article(ctx, articleId, opts.drafts);
      const f = await deps.attachments.find(ctx.tenantId, articleId, id);
      if (!f) throw notFound('Attachment');
      return f;
    },
    async remove(ctx: TenantContext, articleId: string, id: string) {
      await article(ctx, articleId, true);
      const gone = await deps.attachments.delete(ctx.tenantId, articleId, id);
      if (!gone) throw notFound('Attachment');
      await deps.audit.record(ctx, { action: 'knowledge.attachment.delete', entity: 'knowledge_article', entityId: articleId, changes: { attachmentId: id, fileName: gone.fileName, sha256: gone.sha256 } });
    },
  };
}
export type KnowledgeAttachmentService = ReturnType<typeof createKnowledgeAttachmentService>;
