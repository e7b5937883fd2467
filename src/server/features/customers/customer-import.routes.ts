import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { AppError } from '../../platform/app-error.js';
import { errorResponses, problemSchema } from '../../platform/http.schemas.js';
import { sendProblem } from '../../platform/problem.plugin.js';
import { customerImportQuery, customerImportReportDto, IMPORT_MAX_BYTES } from './customer-import.schemas.js';
import { CustomerImportFileError } from './customer-import.errors.js';
import type { CustomerImportService } from './customer-import.service.js';

/**
 * CSV upload as the raw request body (text/csv or application/octet-stream), not multipart: the bytes must
 * reach the decoder untouched so Shift_JIS can be told from UTF-8. The parser is registered inside this
 * plugin, so the 20 MB limit and raw bodies apply to this route only.
 */
export async function customerImportRoutes(app: FastifyInstance, opts: { customerImport: CustomerImportService }) {
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/customers/import', {
    bodyLimit: IMPORT_MAX_BYTES,
    schema: {
      tags: ['customers'],
      summary: 'Import customers from a CSV file (UTF-8 or Shift_JIS); merges duplicates by 顧客番号, phone, then e-mail',
      description: 'Send the file as the request body with Content-Type text/csv. Bad rows are listed in `errors` with their line number; good rows are imported.',
      consumes: ['text/csv', 'application/octet-stream'],
      querystring: customerImportQuery,
      response: { 200: customerImportReportDto, ...errorResponses, 413: problemSchema, 415: problemSchema },
    },
    config: { access: 'customers:import' },
  }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', 'Send the CSV file as the request body with Content-Type: text/csv');
    try {
      return await opts.customerImport.importCustomers(ctxOf(request), { data: request.body, encoding: request.query.encoding, dryRun: request.query.dryRun });
    } catch (err) {
      // The problem code names what is wrong with the file (encoding_unreadable, too_many_rows, …).
      if (err instanceof CustomerImportFileError) return sendProblem(reply, err.status, err.problem, err.message, err.errors);
      throw err;
    }
  });
}
