import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { AppError } from '../../platform/app-error.js';
import { errorResponses, idParams, problemSchema } from '../../platform/http.schemas.js';
import { sendProblem } from '../../platform/problem.plugin.js';
import { importErrors, KnowledgeImportError } from './knowledge-import.errors.js';
import type { Lang } from './knowledge-import.messages.js';
import { importFields, importListDto, importListQuery, importReportDto, KNOWLEDGE_IMPORT_MAX_BYTES } from './knowledge-import.schemas.js';
import { toImportReportDto, type KnowledgeImportService } from './knowledge-import.service.js';

const FIELD_LIMITS = { fields: 10, fieldSize: 1_000, files: 1, parts: 12 };

/** The caller's language: the signed-in user's setting, else Accept-Language; Japanese first. */
function langOf(request: FastifyRequest): Lang {
  const p = request.principal;
  if (p?.kind === 'user') return p.locale === 'en' ? 'en' : 'ja';
  return /^\s*en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'ja';
}

/** The form: the file (field `file`, one) and the option fields, validated; over-size files stop the read. */
async function readForm(request: FastifyRequest) {
  const fields: Record<string, string> = {};
  let file: { name: string; data: Buffer } | null = null;
  try {
    for await (const part of request.parts({ limits: { ...FIELD_LIMITS, fileSize: KNOWLEDGE_IMPORT_MAX_BYTES } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('validation_failed', 'Send the file in the form field "file"', [{ path: part.fieldname, message: 'unexpected file field' }]);
        file = { name: part.filename, data: await part.toBuffer() };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw importErrors.tooLarge(null, KNOWLEDGE_IMPORT_MAX_BYTES);
    if (code === 'FST_FILES_LIMIT') throw new AppError('validation_failed', 'Send one file per import', [{ path: 'file', message: 'only one file is allowed' }]);
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('validation_failed', 'Too many form fields', [{ path: '(body)', message: 'too many fields' }]);
    if (err instanceof AppError) throw err;
    // busboy's own errors (no boundary, a body cut short) are the client's malformed form, not a 500.
    throw new AppError('validation_failed', `The multipart/form-data body cannot be read: ${(err as Error).message}`, [{ path: '(body)', message: 'malformed multipart/form-data' }]);
  }
  if (!file) throw new AppError('validation_failed', 'No file: send it as multipart/form-data in the field "file"', [{ path: 'file', message: 'required' }]);
  return { file, fields: importFields.parse(fields) };
}

/**
 * Knowledge imports (C7). Multipart is registered inside this plugin, so its parser and limits apply
 * to these routes only (other features register it for their own uploads).
 */
export async function knowledgeImportRoutes(app: FastifyInstance, opts: { knowledgeImport: KnowledgeImportService }) {
  await app.register(multipart, { limits: { ...FIELD_LIMITS, fileSize: KNOWLEDGE_IMPORT_MAX_BYTES } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['knowledge'];

  r.post('/api/v1/knowledge/imports', {
    schema: {
      tags,
      summary: 'Import a manual (.docx, .pdf, .md, .txt) or a Q&A sheet (.csv, .xlsx) as articles',
      description: 'multipart/form-data: `file` (at most 20 MB), and optionally `publish` (true: publish at once; default drafts), `visibility` (internal | public), `categoryId` (file everything under it), `force` (true: import the same file again). Manuals are split at headings; sheets give one article per row. The report lists what was created and what could not be read.',
      consumes: ['multipart/form-data'],
      response: { 201: importReportDto, ...errorResponses, 413: problemSchema, 415: problemSchema, 422: problemSchema },
    },
    config: { access: 'knowledge:write' },
  }, async (request, reply) => {
    const lang = langOf(request);
    try {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file"');
      const { file, fields } = await readForm(request);
      const row = await opts.knowledgeImport.importKnowledge(ctxOf(request), { fileName: file.name, data: file.data, ...fields });
      return await reply.status(201).send(toImportReportDto(row, lang));
    } catch (err) {
      // The problem code names what is wrong with the file (file_too_large, corrupt_file, …), worded for the caller.
      if (err instanceof KnowledgeImportError) return sendProblem(reply, err.status, err.problem, err.messageIn(lang), err.errorsIn(lang));
      throw err;
    }
  });

  r.get('/api/v1/knowledge/imports', {
    schema: { tags, summary: 'Imports of this tenant, newest first', querystring: importListQuery, response: { 200: importListDto, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request) => {
    const { page, pageSize } = request.query;
    const { items, total } = await opts.knowledgeImport.listImports(ctxOf(request), page, pageSize);
    const lang = langOf(request);
    return {
      items: items.map((row) => {
        const { created: _c, problems: _p, ...summary } = toImportReportDto(row, lang);
        return summary;
      }),
      page, pageSize, total,
    };
  });

  r.get('/api/v1/knowledge/imports/:id', {
    schema: { tags, summary: 'An import report: the articles created and what could not be read', params: idParams, response: { 200: importReportDto, ...errorResponses } },
    config: { access: 'knowledge:write' },
  }, async (request) => toImportReportDto(await opts.knowledgeImport.getImport(ctxOf(request), request.params.id), langOf(request)));
}
