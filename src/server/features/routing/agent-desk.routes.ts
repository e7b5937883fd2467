import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { userOf } from '../../platform/access.plugin.js';
import { errorResponses } from '../../platform/http.schemas.js';
import type { AgentDeskService } from './agent-desk.service.js';
import { agentMe, consultBody, linkCustomerBody, contactParams, notesBody, presenceBody, transferBody, transferTargets, wrapUpBody } from './agent-desk.schemas.js';

/** The agent desktop over HTTP; the WebSocket (agent-socket.ts) pushes the same bodies. */
export async function agentDeskRoutes(app: FastifyInstance, opts: { desk: AgentDeskService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { desk } = opts;
  const tags = ['agent desktop'];
  const me = { 200: agentMe, ...errorResponses };
  // Agents serve several client companies: the desk is per person, the engine checks each contact.
  const config = { access: 'user' as const };

  r.get('/api/v1/agent/me', { schema: { tags, summary: 'My state, reason codes and work items with screen pops', response: me }, config },
    async (request) => desk.me(userOf(request)));
  r.post('/api/v1/agent/presence', { schema: { tags, summary: 'Log in, ready, break (with a reason code) or log out', body: presenceBody, response: me }, config },
    async (request) => desk.presence(userOf(request), request.body.change, request.body.reason));
  r.post('/api/v1/agent/offers/:contactId/accept', { schema: { tags, summary: 'Accept an offer (409 when expired, replayed or not yours)', params: contactParams, response: me }, config },
    async (request) => desk.accept(userOf(request), request.params.contactId));
  r.post('/api/v1/agent/offers/:contactId/reject', { schema: { tags, params: contactParams, response: me }, config },
    async (request) => desk.reject(userOf(request), request.params.contactId));
  r.post('/api/v1/agent/contacts/:contactId/notes', { schema: { tags, summary: 'Save notes on the contact’s interaction', params: contactParams, body: notesBody, response: me }, config },
    async (request) => desk.saveNotes(userOf(request), request.params.contactId, request.body.notes));
  r.post('/api/v1/agent/contacts/:contactId/customer', { schema: { tags, summary: 'Link the (just registered) customer to an unknown caller’s contact', params: contactParams, body: linkCustomerBody, response: me }, config },
    async (request) => desk.linkCustomer(userOf(request), request.params.contactId, request.body.customerId));
  r.post('/api/v1/agent/contacts/:contactId/end', { schema: { tags, summary: 'Hang up / close: the contact goes to wrap-up (後処理)', params: contactParams, response: me }, config },
    async (request) => desk.end(userOf(request), request.params.contactId));
  r.post('/api/v1/agent/contacts/:contactId/wrap-up', { schema: { tags, summary: 'Finish wrap-up with a disposition code, notes and a case link', params: contactParams, body: wrapUpBody, response: me }, config },
    async (request) => desk.wrapUp(userOf(request), request.params.contactId, request.body));
  r.post('/api/v1/agent/contacts/:contactId/transfer', { schema: { tags, summary: 'Transfer to a queue or a named agent with a note', params: contactParams, body: transferBody, response: me }, config },
    async (request) => desk.transfer(userOf(request), request.params.contactId, request.body));
  r.post('/api/v1/agent/contacts/:contactId/consult', { schema: { tags, summary: 'Ask a colleague, keeping the customer', params: contactParams, body: consultBody, response: me }, config },
    async (request) => desk.consult(userOf(request), request.params.contactId, request.body));
  r.get('/api/v1/agent/contacts/:contactId/transfer-targets', { schema: { tags, params: contactParams, response: { 200: transferTargets, ...errorResponses } }, config },
    async (request) => desk.transferTargets(userOf(request), request.params.contactId));
}
