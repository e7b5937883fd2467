import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasPermission } from '../../../core/auth/permissions.js';
import { ATTACHMENT_MAX_BYTES, attachmentDisposition } from '../../../core/knowledge/attachment-type.js';
import { AppError } from '../../platform/app-error.js';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses, idParams, noContent, problemSchema } from '../../platform/http.schemas.js';
import { attachmentRefusals, type KnowledgeAttachmentService } from './knowledge-attachment.service.js';
import { attachmentDto, attachmentParams } from './knowledge-attachment.schemas.js';

const A = '/api/v1/knowledge/articles/:id/attachments';

/**
 * Attachments of an article. Multipart parsing is registered in this plugin's own scope (Fastify
 * encapsulation): the rest of the API keeps accepting JSON only.
 */
export async function knowledgeAttachmentRoutes(app: FastifyInstance, opts: { attachments: KnowledgeAttachmentService }) {
  // One file per request; a larger file is refused (413), never stored truncated.
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 0, parts: 1 }, throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { attachments } = opts;
  const tags = ['knowledge'];
  const drafts = (role: Parameters<typeof hasPermission>[0]) => hasPermission(role, 'knowledge:write');

  r.post(A, {
    schema: {
      tags, summary: `Attach a file (multipart/form-data, field "file"; at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB; PDF, PNG, JPEG, GIF, WebP, TXT, CSV, DOCX, XLSX)`,
      params: idParams, response: { 201: attachmentDto, ...errorResponses, 413: problemSchema, 415: problemSchema },
    },
    config: { access: 'knowledge:write' },
  }, async (request, reply) => {
    const ctx = ctxOf(request);
    await attachments.assertArticle(ctx, request.params.id);
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'multipart/form-data で送ってください。/ Send the file as multipart/form-data.', [], 'not_multipart');
    let file: Awaited<ReturnType<typeof request.file>>;
    let data: Buffer;
    try {
      file = await request.file();
      if (!file || file.fieldname !== 'file') throw attachmentRefusals.no_file();
      data = await file.toBuffer();
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw attachmentRefusals.file_too_large();
      // Busboy's parse errors (a cut or malformed body) are the client's: never a 500.
      throw new AppError('bad_request', `multipart/form-data を読み取れません。/ The multipart/form-data body cannot be read: ${(err as Error).message}`, [], 'malformed_multipart');
    }
    return reply.status(201).send(await attachments.add(ctx, request.params.id, { fileName: file.filename, data }));
  });
  r.get(A, {
    schema: { tags, summary: 'Files attached to an article', params: idParams, response: { 200: z.array(attachmentDto), ...errorResponses } },
    config: { access: 'knowledge:read' },
  }, async (request) => {
    const ctx = ctxOf(request);
    return attachments.list(ctx, request.params.id, { drafts: drafts(ctx.role) });
  });
  r.get(`${A}/:attId`, {
    schema: { tags, summary: 'Download an attachment (always as a download, never rendered inline)', params: attachmentParams, response: { 200: z.unknown().describe('the file'), ...errorResponses } },
    config: { access: 'knowledge:read' },
  }, async (request, reply) => {
    const ctx = ctxOf(request);
    const f = await attachments.download(ctx, request.params.id, request.params.attId, { drafts: drafts(ctx.role) });
    // The stored type comes from the checked extension and bytes; nosniff and `attachment` keep a
    // browser from rendering an uploaded file as a page of this origin.
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', attachmentDisposition(f.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(f.data);
  });
  r.delete(`${A}/:attId`, {
    schema: { tags, summary: 'Remove an attachment', params: attachmentParams, response: { 204: noContent, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request, reply) => {
    await attachments.remove(ctxOf(request), request.params.id, request.params.attId);
    return reply.status(204).send(null);
  });
}
