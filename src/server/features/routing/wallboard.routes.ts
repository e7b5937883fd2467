import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { userOf } from '../../platform/access.plugin.js';
import { AppError } from '../../platform/app-error.js';
import { errorResponses } from '../../platform/http.schemas.js';
import type { RoutingRuntime } from './routing-runtime.js';
import { originAllowed, socketChannel } from './socket-channel.js';
import type { WallboardService } from './wallboard.service.js';
import { wallboard, wallboardQuery } from './wallboard.schemas.js';

const PUSH_MS = 1_000;
/** Without changes the board is still refreshed now and then (waits grow while nothing happens). */
const IDLE_PUSH_MS = 5_000;

export async function wallboardRoutes(app: FastifyInstance, opts: { wallboard: WallboardService; runtime: RoutingRuntime; allowedOrigins: string[] }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['wallboard'];
  // Tenants come from the user's memberships with routing:monitor (a BPO supervisor sees several).
  const config = { access: 'user' as const };
  r.get('/api/v1/wallboard', {
    schema: { tags, summary: 'Queues and agents now, today’s figures (JST day)', querystring: wallboardQuery, response: { 200: wallboard, ...errorResponses } },
    config,
  }, async (request) => opts.wallboard.board(userOf(request), request.query.tenants));

  let version = 0;
  const unsubscribe = opts.runtime.onCommitted(() => { version++; });
  app.addHook('onClose', async () => unsubscribe());

  r.get('/api/v1/wallboard/ws', { websocket: true, config, schema: { tags, querystring: wallboardQuery } }, (socket: WebSocket, request) => {
    if (!originAllowed(request, opts.allowedOrigins)) return void socket.close(4403, 'origin not allowed');
    const principal = userOf(request);
    const slugs = request.query.tenants;
    try {
      opts.wallboard.monitoredTenants(principal, slugs);
    } catch (err) {
      return void socket.close(4403, err instanceof AppError ? err.message : 'forbidden');
    }
    const channel = socketChannel(socket, (err) => app.log.error({ err }, 'wallboard socket'));
    let sentVersion = -1;
    let sentAt = 0;
    const push = () => {
      if (version === sentVersion && Date.now() - sentAt < IDLE_PUSH_MS) return;
      sentVersion = version;
      sentAt = Date.now();
      channel.send(async () => ({ type: 'wallboard', board: await opts.wallboard.board(principal, slugs) }));
    };
    push();
    const timer = setInterval(push, PUSH_MS);
    socket.on('close', () => clearInterval(timer));
  });
}
