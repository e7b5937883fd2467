import { z } from 'zod';

export const attachmentParams = z.object({ id: z.uuid({ message: 'must be a UUID' }), attId: z.uuid({ message: 'must be a UUID' }) });

export const attachmentDto = z.object({
  id: z.uuid(), articleId: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(),
  createdBy: z.uuid().nullable(), createdAt: z.string(),
});
export type AttachmentDto = z.infer<typeof attachmentDto>;
