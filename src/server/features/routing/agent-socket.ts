import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { userOf } from '../../platform/access.plugin.js';
import { AppError } from '../../platform/app-error.js';
import type { AgentDeskService, UserPrincipal } from './agent-desk.service.js';
import type { RoutingRuntime } from './routing-runtime.js';
import { originAllowed, socketChannel, type SocketChannel } from './socket-channel.js';
import { presenceBody, wrapUpBody } from './agent-desk.schemas.js';
import type {} from '../../realtime/agent-notices.js';

const requestId = z.string().max(64);
// The commands an agent gives most often also go over the socket (no HTTP round trip, no per-request auth).
const clientMessage = z.discriminatedUnion('type', [
  z.object({ id: requestId, type: z.literal('accept'), contactId: z.uuid() }),
  z.object({ id: requestId, type: z.literal('reject'), contactId: z.uuid() }),
  z.object({ id: requestId, type: z.literal('end'), contactId: z.uuid() }),
  z.object({ id: requestId, type: z.literal('wrap_up'), contactId: z.uuid(), ...wrapUpBody.shape }),
  z.object({ id: requestId, type: z.literal('presence'), ...presenceBody.shape }),
  z.object({ id: requestId, type: z.literal('ping') }),
]);

function problemOf(err: unknown) {
  if (err instanceof AppError) return { status: err.status, code: err.code, reason: err.reason, detail: err.message, errors: err.errors };
  return { status: 500, code: 'internal', detail: 'Internal error' };
}

function commandOf(desk: AgentDeskService, p: UserPrincipal, m: z.output<typeof clientMessage>) {
  switch (m.type) {
    case 'accept': return () => desk.accept(p, m.contactId);
    case 'reject': return () => desk.reject(p, m.contactId);
    case 'end': return () => desk.end(p, m.contactId);
    case 'wrap_up': return () => desk.wrapUp(p, m.contactId, m);
    case 'presence': return () => desk.presence(p, m.change, m.reason);
    case 'ping': return () => desk.me(p);
  }
}

interface Connection { principal: UserPrincipal; channel: SocketChannel }

/**
 * Pushes each agent's offers (with the screen pop) and state changes after the step that made them
 * committed. A reconnect gets `hello` with the pending offers again: same contact, same expiry.
 */
export async function agentSocketRoutes(app: FastifyInstance, opts: { desk: AgentDeskService; runtime: RoutingRuntime; allowedOrigins: string[] }) {
  const { desk, runtime } = opts;
  const byAgent = new Map<string, Set<Connection>>();
  const logError = (err: unknown) => app.log.error({ err }, 'agent socket');

  const unsubscribe = runtime.onCommitted(({ actions, state }) => {
    const touched = new Set<string>();
    for (const a of actions) {
      if ('agentId' in a && a.agentId) touched.add(a.agentId);
      const conns = 'agentId' in a && a.agentId ? byAgent.get(a.agentId) : undefined;
      if (!conns) continue;
      if (a.type === 'offer') {
        const slot = state.agents.get(a.agentId)?.slots.find((s) => s.contactId === a.contactId && s.phase === 'offered');
        if (!slot) continue;
        for (const c of conns) c.channel.send(async () => {
          const item = await desk.workItem(c.principal, slot);
          return item ? { type: 'offer', item } : undefined;
        });
      } else if (a.type === 'offer_cancelled') {
        for (const c of conns) c.channel.send(() => ({ type: 'offer_cancelled', contactId: a.contactId, reason: a.reason }));
      }
    }
    for (const agentId of touched) for (const c of byAgent.get(agentId) ?? []) c.channel.send(async () => ({ type: 'me', me: await desk.me(c.principal) }));
  });
  const unsubscribeConsult = desk.onConsult((m) => {
    for (const c of byAgent.get(m.toAgentId) ?? []) c.channel.send(() => ({ type: 'consult', fromName: m.fromName, contactId: m.contactId, note: m.note, item: m.item }));
  });
  const unsubscribeChanged = desk.onChanged((agentId) => {
    for (const c of byAgent.get(agentId) ?? []) c.channel.send(async () => ({ type: 'me', me: await desk.me(c.principal) }));
  });
  app.addHook('onClose', async () => { unsubscribe(); unsubscribeConsult(); unsubscribeChanged(); });
  // Telephony screen pops (call_pop, from the CTI webhook): to the named agent's own connections, never to all.
  const unsubscribeNotices = app.agentNotices.subscribe((agentUserId, message) => {
    for (const c of byAgent.get(agentUserId) ?? []) c.channel.send(() => message);
  });
  app.addHook('onClose', async () => unsubscribeNotices());

  app.get('/api/v1/agent/ws', { websocket: true, config: { access: 'user' }, schema: { tags: ['agent desktop'], summary: 'Agent WebSocket: offers with screen pop, state; accept/reject/presence' } }, (socket: WebSocket, request) => {
    if (!originAllowed(request, opts.allowedOrigins)) return void socket.close(4403, 'origin not allowed');
    const principal = userOf(request);
    const conn: Connection = { principal, channel: socketChannel(socket, logError) };
    const set = byAgent.get(principal.userId) ?? new Set();
    set.add(conn);
    byAgent.set(principal.userId, set);
    socket.on('close', () => {
      set.delete(conn);
      if (set.size === 0) byAgent.delete(principal.userId);
    });
    socket.on('message', (raw) => {
      let parsed: unknown;
      try { parsed = JSON.parse(String(raw)); } catch { parsed = null; }
      const msg = clientMessage.safeParse(parsed);
      if (!msg.success) {
        return conn.channel.send(() => ({ type: 'result', id: (parsed as { id?: unknown } | null)?.id ?? null, ok: false, problem: { status: 400, code: 'validation_failed', detail: 'Unreadable message', errors: msg.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } }));
      }
      const m = msg.data;
      const run = commandOf(desk, principal, m);
      // The command runs now; only its answer waits its turn on the socket.
      const result = run().then((me) => ({ type: 'result', id: m.id, ok: true, me }), (err: unknown) => ({ type: 'result', id: m.id, ok: false, problem: problemOf(err) }));
      conn.channel.send(() => result);
    });
    conn.channel.send(async () => {
      try {
        return { type: 'hello', me: await desk.me(principal) };
      } catch (err) {
        socket.send(JSON.stringify({ type: 'error', problem: problemOf(err) }));
        socket.close(4404, 'no agent profile');
        return undefined;
      }
    });
  });
}
