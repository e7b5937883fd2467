import { AppError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { isoOrNull } from '../../platform/dto.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ContactService } from '../routing/contact.service.js';
import { ttlCache } from './portal-cache.js';
import type { PortalRepository, PortalSiteRow } from './portal.repository.js';
import { brandingRules, type PortalSettingsDto, type PortalSettingsInput } from './portal.schemas.js';

export type Locale = 'ja' | 'en';

/** A tenant's portal as the pages need it. */
export interface PortalSite {
  tenant: { id: string; slug: string; name: string; timeZone: string };
  enabled: boolean;
  /** The portal's title, or the tenant's name. */
  title: string;
  tagline: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  defaultLocale: Locale;
  contactQueueId: string | null;
  staleAfterDays: number;
}

const DEFAULTS = { enabled: false, title: '', tagline: '', logoUrl: null, primaryColor: '#1d4ed8', accentColor: '#f59e0b', defaultLocale: 'ja' as Locale, contactQueueId: null, staleAfterDays: 180 };
// Settings are read on every public page; another node's edit shows after this long, this node's at once.
const SITE_TTL_MS = 30_000;

interface Deps {
  repo: PortalRepository;
  audit: AuditService;
  /** The tenant's routing queues (a contact queue must be one of them). */
  queueOf: ContactService['queueOf'];
  clock: Clock;
  cache?: boolean;
}

function settingsOf(row: PortalSiteRow | null) {
  if (!row) return DEFAULTS;
  return {
    enabled: row.enabled, title: row.title, tagline: row.tagline, logoUrl: row.logoUrl, primaryColor: row.primaryColor, accentColor: row.accentColor,
    defaultLocale: (row.defaultLocale === 'en' ? 'en' : 'ja') as Locale, contactQueueId: row.contactQueueId, staleAfterDays: row.staleAfterDays,
  };
}

/** The portal's settings (admin API) and the site behind a public slug. */
export function createPortalSettingsService(deps: Deps) {
  const sites = ttlCache<PortalSite | null>({ ttlMs: SITE_TTL_MS, max: 1_000, clock: deps.clock, enabled: deps.cache !== false });
  return {
    async getSettings(ctx: TenantContext): Promise<PortalSettingsDto> {
      const row = await deps.repo.site(ctx.tenantId);
      return { ...settingsOf(row), path: `/portal/${ctx.tenantSlug}/`, updatedAt: isoOrNull(row?.updatedAt ?? null) };
    },
    async updateSettings(ctx: TenantContext, input: PortalSettingsInput): Promise<PortalSettingsDto> {
      const branding = brandingRules.safeParse(input);
      const errors = branding.success ? [] : branding.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      if (input.contactQueueId) {
        try {
          await deps.queueOf(ctx, { id: input.contactQueueId });
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'validation_failed')) throw err;
          errors.push({ path: 'contactQueueId', message: 'no such queue in this tenant' });
        }
      }
      if (errors.length > 0) throw new AppError('unprocessable', `Portal settings refused: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
      const now = deps.clock.now();
      await deps.repo.upsertSite({ tenantId: ctx.tenantId, ...input, createdAt: now, updatedAt: now });
      sites.clear(ctx.tenantSlug);
      await deps.audit.record(ctx, {
        action: 'portal.settings.update', entity: 'portal_site', entityId: ctx.tenantId,
        changes: { enabled: input.enabled, defaultLocale: input.defaultLocale, contactQueueId: input.contactQueueId, staleAfterDays: input.staleAfterDays },
      });
      return this.getSettings(ctx);
    },
    /** The enabled portal behind a slug; null for an unknown tenant or a portal that is off. */
    resolve(slug: string): Promise<PortalSite | null> {
      return sites.get(slug, async () => {
        const r = await deps.repo.siteBySlug(slug);
        if (!r?.site?.enabled) return null;
        const s = settingsOf(r.site);
        const t = r.tenant;
        return { ...s, title: s.title || t.name, tenant: { id: t.id, slug: t.slug, name: t.name, timeZone: t.timeZone } };
      });
    },
  };
}
export type PortalSettingsService = ReturnType<typeof createPortalSettingsService>;

/** A public visitor acting on one tenant's portal: no user, least privilege, audited with the client's address. */
export function visitorContext(site: PortalSite, client: { ip: string | null; userAgent: string | null }): TenantContext {
  return {
    tenantId: site.tenant.id, tenantSlug: site.tenant.slug, timeZone: site.tenant.timeZone, role: 'client_viewer',
    actorUserId: null, actorTokenId: null, ip: client.ip, userAgent: client.userAgent ? `portal: ${client.userAgent.slice(0, 200)}` : 'portal',
  };
}
