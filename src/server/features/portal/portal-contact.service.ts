import { AppError } from '../../platform/app-error.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CaseService } from '../cases/case.service.js';
import type { CustomerService } from '../customers/customer.service.js';
import type { InteractionService } from '../interactions/interaction.service.js';
import type { ContactService } from '../routing/contact.service.js';
import type { RoutingRuntime } from '../routing/routing-runtime.js';
import { CONTACT_SUBMIT_ACTION } from './portal.repository.js';
import type { ContactFormInput } from './portal.schemas.js';
import type { PortalSite } from './portal-settings.service.js';

interface Deps {
  audit: AuditService;
  customers: CustomerService;
  interactions: InteractionService;
  cases: CaseService;
  contacts: ContactService;
  routing: Pick<RoutingRuntime, 'isRunning'>;
}

export const PORTAL_CASE_CATEGORY = 'お問い合わせフォーム';

/** What staff read in the interaction and the case (operators work in Japanese). */
function notesOf(input: ContactFormInput, locale: string) {
  return [
    `お名前: ${input.name}`, `メール: ${input.email}`, ...(input.phone ? [`電話: ${input.phone}`] : []), `表示言語: ${locale}`, '', input.message,
  ].join('\n');
}

/**
 * A message from the portal's contact form: an inbound web interaction and a case linked to it,
 * matched to a known customer by e-mail (then phone). With a contact queue set and routing running,
 * the interaction enters routing as a web contact, so an agent is offered it like any other.
 */
export function createPortalContactService(deps: Deps) {
  async function identify(ctx: TenantContext, input: ContactFormInput) {
    const byEmail = await deps.customers.identify(ctx, { email: input.email });
    if (byEmail || !input.phone) return byEmail;
    return deps.customers.identify(ctx, { phone: input.phone });
  }

  /** The routed path; null when the queue is gone or routing is not running (then stored without routing). */
  async function route(ctx: TenantContext, site: PortalSite, input: ContactFormInput, customerId: string | null) {
    if (!site.contactQueueId || !deps.routing.isRunning()) return null;
    try {
      const { contact } = await deps.contacts.createContact(ctx, {
        channel: 'web', queueId: site.contactQueueId, from: input.email, customerId, subject: input.subject, context: { source: 'portal' },
      });
      return contact;
    } catch (err) {
      if (err instanceof AppError && (err.code === 'validation_failed' || err.code === 'unavailable')) return null;
      throw err;
    }
  }

  return {
    async submit(ctx: TenantContext, site: PortalSite, input: ContactFormInput, locale: string) {
      const customerId = await identify(ctx, input);
      const notes = notesOf(input, locale);
      const contact = await route(ctx, site, input, customerId);
      const interactionId = contact
        ? (await deps.interactions.updateInteraction(ctx, contact.interactionId, { notes })).id
        : (await deps.interactions.createInteraction(ctx, { customerId, channel: 'web', direction: 'inbound', subject: input.subject, notes })).id;
      const created = await deps.cases.createCase(ctx, {
        title: input.subject, customerId, description: notes, priority: 'normal', interactionId, category: PORTAL_CASE_CATEGORY,
      });
      await deps.audit.record(ctx, {
        action: CONTACT_SUBMIT_ACTION, entity: 'case', entityId: created.id,
        changes: { interactionId, contactId: contact?.id ?? null, customerMatched: customerId !== null },
      });
      return { reference: created.displayNumber, caseId: created.id, interactionId, contactId: contact?.id ?? null, customerId };
    },
  };
}
export type PortalContactService = ReturnType<typeof createPortalContactService>;
