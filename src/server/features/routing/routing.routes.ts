import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Services } from '../../services.js';
import { agentDeskRoutes } from './agent-desk.routes.js';
import { agentSocketRoutes } from './agent-socket.js';
import { callbackRoutes } from './callback.routes.js';
import { contactRoutes } from './contact.routes.js';
import { startCallbackScheduler } from './callback-scheduler.js';
import { wallboardRoutes } from './wallboard.routes.js';

const MAX_WS_MESSAGE_BYTES = 16 * 1024;

/**
 * Routing over HTTP and WebSocket, and its lifecycle: the engine starts (restoring the last committed
 * state) when the app is ready and stops before the database closes.
 */
export const routingRoutes = fp(async function routing(app: FastifyInstance, opts: { services: Services; allowedOrigins: string[] }) {
  const { services: s, allowedOrigins } = opts;
  await app.register(websocket, { options: { maxPayload: MAX_WS_MESSAGE_BYTES } });
  await app.register(contactRoutes, { contacts: s.contacts });
  await app.register(agentDeskRoutes, { desk: s.desk });
  await app.register(agentSocketRoutes, { desk: s.desk, runtime: s.routing, allowedOrigins });
  await app.register(wallboardRoutes, { wallboard: s.wallboard, runtime: s.routing, allowedOrigins });
  await app.register(callbackRoutes, { callbacks: s.callbacks });

  let stopScheduler: (() => Promise<void>) | null = null;
  const unsubscribe = s.routing.onFailure((err) => app.log.error({ err }, 'routing'));
  app.addHook('onReady', async () => {
    await s.routing.start();
    stopScheduler = startCallbackScheduler(s.callbacks, (err) => app.log.error({ err }, 'callback scheduler'));
  });
  app.addHook('onClose', async () => {
    await stopScheduler?.();
    await s.routing.stop();
    unsubscribe();
  });
});
