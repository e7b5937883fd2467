import { z } from 'zod';

export const suggestBody = z.object({
  /** What the customer wrote or said: subject, notes, messages (free text). */
  text: z.string().trim().min(1, 'text is required').max(4000, 'text is longer than 4,000 characters'),
  /** Products the contact is about, if known. */
  productSkus: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  /** The customer: articles about the products they own rank higher (needs customers:read). */
  customerId: z.uuid({ message: 'must be a UUID' }).optional(),
});

const highlight = z.tuple([z.number().int(), z.number().int()]);
export const suggestDto = z.object({
  /** The words of the text that were used, rarest first. */
  terms: z.array(z.string()),
  /** The products that boosted the ranking. */
  productSkus: z.array(z.string()),
  suggestions: z.array(z.object({
    id: z.uuid(), title: z.string(), visibility: z.string(), score: z.number(),
    /** Which of the customer's products the article is about. */
    matchedProducts: z.array(z.string()),
    snippet: z.object({ text: z.string(), highlights: z.array(highlight) }),
    /** The answer as plain text, for pasting into a reply or the notes. */
    copyText: z.string(),
  })),
});
