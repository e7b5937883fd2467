import { z } from 'zod';
import { HEX_COLOR } from '../../../core/portal/brand-colors.js';
import { normalizeEmail } from '../../../core/text-ja/email.util.js';
import { normalizePhone } from '../../../core/text-ja/phone.util.js';
import { tenantSlug } from '../tenants/tenant.schemas.js';

// ---- admin API

const hexColor = z.string().regex(HEX_COLOR, 'must be a colour like #1d4ed8 or #14b');
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;
const MAX_LOGO_CHARS = 200_000;

/** A logo the portal may show: an https: URL, or an inline base64 image (never javascript:, http: or other schemes). */
export function isSafeLogoUrl(value: string): boolean {
  if (DATA_IMAGE.test(value)) return true;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

export const portalSettingsBody = z.object({
  enabled: z.boolean(),
  title: z.string().trim().max(100).default(''),
  tagline: z.string().trim().max(200).default(''),
  // Colours and logo are checked by brandingRules (422): they are well-formed strings the portal refuses to show.
  logoUrl: z.string().trim().max(MAX_LOGO_CHARS, `must be at most ${MAX_LOGO_CHARS} characters`).nullable().default(null),
  primaryColor: z.string().trim().max(50).default('#1d4ed8'),
  accentColor: z.string().trim().max(50).default('#f59e0b'),
  defaultLocale: z.enum(['ja', 'en']).default('ja'),
  /** Routing queue for contact-form messages; null: stored as an interaction and a case only. */
  contactQueueId: z.uuid().nullable().default(null),
  staleAfterDays: z.number().int().min(1).max(3650).default(180),
});
/** What may reach the page's CSS and <img>: hex colours only, an https: or inline image logo only. */
export const brandingRules = z.object({
  primaryColor: hexColor,
  accentColor: hexColor,
  logoUrl: z.string().refine(isSafeLogoUrl, 'must be an https: URL or a data:image/(png|jpeg|gif|webp|svg+xml);base64 URL').nullable(),
});
export type PortalSettingsInput = z.output<typeof portalSettingsBody>;

export const portalSettingsDto = z.object({
  enabled: z.boolean(), title: z.string(), tagline: z.string(), logoUrl: z.string().nullable(), primaryColor: z.string(), accentColor: z.string(),
  defaultLocale: z.enum(['ja', 'en']), contactQueueId: z.uuid().nullable(), staleAfterDays: z.number().int(),
  /** Where the portal is served (relative to the server). */
  path: z.string(), updatedAt: z.string().nullable(),
});
export type PortalSettingsDto = z.infer<typeof portalSettingsDto>;

export const voiceBody = z.object({
  title: z.string().trim().min(1, 'title is required').max(200),
  voice: z.string().trim().min(1, 'voice is required').max(5_000),
  response: z.string().trim().min(1, 'response is required').max(10_000),
  publish: z.boolean().default(false),
});
export const voicePatchBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  voice: z.string().trim().min(1).max(5_000).optional(),
  response: z.string().trim().min(1).max(10_000).optional(),
});
export const voiceDto = z.object({
  id: z.uuid(), title: z.string(), voice: z.string(), response: z.string(), status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export type VoiceDto = z.infer<typeof voiceDto>;

export const staleDto = z.object({
  staleAfterDays: z.number().int(),
  today: z.string(),
  items: z.array(z.object({
    id: z.uuid(), title: z.string(), reviewBy: z.string().nullable(), updatedAt: z.string(), ageDays: z.number().int(), views: z.number().int(),
    reasons: z.array(z.enum(['review_overdue', 'not_updated'])),
    owner: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  })),
});

export const healthDto = z.object({
  enabled: z.boolean(),
  publicArticles: z.number().int(),
  staleArticles: z.number().int(),
  oldestArticleAgeDays: z.number().int().nullable(),
  last30Days: z.object({
    votes: z.number().int(),
    helpfulVotes: z.number().int(),
    /** helpful / votes; null without votes. */
    helpfulRatio: z.number().nullable(),
    contactSubmissions: z.number().int(),
    searchesWithoutResults: z.array(z.object({ query: z.string(), count: z.number().int(), lastAt: z.string() })),
  }),
});

// ---- public pages

/** `?lang=` that is neither ja nor en is ignored (the portal's default language), not an error. */
const lang = z.enum(['ja', 'en']).optional().catch(undefined);
export const slugParams = z.object({ slug: tenantSlug });
export const articleParams = z.object({ slug: tenantSlug, id: z.uuid() });
export const langQuery = z.object({ lang });
export const articleQuery = z.object({ lang, feedback: z.enum(['thanks', 'retry']).optional().catch(undefined) });
export const searchQuery = z.object({
  lang,
  q: z.string().max(200, 'q is longer than 200 characters').default(''),
  category: z.uuid().optional().catch(undefined),
});

/** Fields a plain HTML form posts (urlencoded): every value a string, unknown fields ignored. */
const field = (max: number) => z.string().max(max).optional();
export const feedbackForm = z.object({
  helpful: z.enum(['yes', 'no']),
  token: field(200), website: field(500),
});

/** Contact form: messages are keys of the portal's messages (shown in the visitor's language). */
export const contactForm = z.object({
  name: z.string().trim().min(1, 'required').max(100, 'too_long'),
  email: z.string().trim().min(1, 'required').max(254, 'too_long').refine((v) => normalizeEmail(v).ok, 'email'),
  phone: z.string().trim().max(30, 'too_long').refine((v) => v === '' || normalizePhone(v).ok, 'phone').default(''),
  subject: z.string().trim().min(1, 'required').max(200, 'too_long'),
  message: z.string().trim().min(1, 'required').max(5_000, 'too_long'),
  consent: z.literal('on', { message: 'consent' }),
});
export type ContactFormInput = z.output<typeof contactForm>;
/** What the form re-shows after an error (the visitor's text, escaped on output). */
export const CONTACT_FIELDS = ['name', 'email', 'phone', 'subject', 'message'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number] | 'consent';
