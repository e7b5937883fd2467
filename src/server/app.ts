import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform } from 'fastify-type-provider-zod';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Config } from './config/config.js';
import type { Database } from './db/client.js';
import type { Services } from './services.js';
import { accessPlugin, TENANT_HEADER } from './platform/access.plugin.js';
import { registerProblemHandlers, sendNotFoundProblem, sendProblem } from './platform/problem.plugin.js';
import { textGuardPlugin } from './platform/text-guard.plugin.js';
import { newId } from './platform/ids.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { userRoutes } from './features/users/user.routes.js';
import { customerRoutes } from './features/customers/customer.routes.js';
import { customerImportRoutes } from './features/customers/customer-import.routes.js';
import { catalogRoutes } from './features/catalog/catalog.routes.js';
import { orderRoutes } from './features/orders/order.routes.js';
import { interactionRoutes } from './features/interactions/interaction.routes.js';
import { caseRoutes } from './features/cases/case.routes.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { routingRoutes } from './features/routing/routing.routes.js';
import { routingAdminRoutes } from './features/routing-admin/routing-admin.routes.js';
import { knowledgeRoutes } from './features/knowledge/knowledge.routes.js';
import { knowledgeWorkflowRoutes } from './features/knowledge/knowledge-workflow.routes.js';
import { knowledgeAttachmentRoutes } from './features/knowledge/knowledge-attachment.routes.js';
import { knowledgeReportRoutes } from './features/knowledge/knowledge-report.routes.js';
import { knowledgeSuggestRoutes } from './features/knowledge/knowledge-suggest.routes.js';
import { portalAdminRoutes } from './features/portal/portal-admin.routes.js';
import { portalRoutes, type PortalRateLimits } from './features/portal/portal.routes.js';
import { knowledgeImportRoutes } from './features/knowledge-import/knowledge-import.routes.js';
import { talkFlowRoutes } from './features/talk-flows/talk-flow.routes.js';
import { ivrFlowRoutes } from './features/ivr/ivr-flow.routes.js';
import { telephonySettingsRoutes } from './features/telephony/telephony-settings.routes.js';
import { ctiRoutes } from './features/cti/cti.routes.js';
import { callLogRoutes } from './features/calls/call-log.routes.js';
import { twilioVoiceRoutes } from './features/voice/twilio-voice.routes.js';
import { softphoneRoutes } from './features/voice/softphone.routes.js';
import { clickToCallRoutes } from './features/calls/click-to-call.routes.js';
import { createClickToCallService } from './features/calls/click-to-call.service.js';
import { createPbxDialer } from './features/calls/pbx-dial.js';
import { createTwilioCalls } from './channels/telephony/twilio/twilio-rest.js';

export interface AppDeps {
  config: Config;
  database: Database;
  services: Services;
  logger?: FastifyServerOptions['logger'];
  /** Where the built console lives; defaults to dist/web/console beside the package. */
  webRoot?: string;
  /** Per-minute limits per client address on the FAQ portal's forms and search (benchmarks raise them). */
  portalRateLimits?: Partial<PortalRateLimits>;
}

const defaultWebRoot = fileURLToPath(new URL('../../dist/web/console', import.meta.url));
const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP app without listening: tests call app.inject(), main.ts calls listen(). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, services } = deps;
  const webRoot = deps.webRoot ?? defaultWebRoot;
  const serveConsole = existsSync(webRoot);
  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    genReqId: () => newId(),
  });
  // The API speaks JSON only; Fastify's default text/plain parser would let a "simple" cross-site
  // request reach the handlers. Routes that take other bodies register their own parser (CSV import).
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app, { notFound: !serveConsole });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects style attributes at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: { maxAge: 15552000, includeSubDomains: true },
  });
  // CORS stays closed unless origins are configured explicitly.
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins, credentials: true, allowedHeaders: ['content-type', 'authorization', TENANT_HEADER, 'x-csrf-token'] });
  }
  await app.register(cookie);
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { httpOnly: true, sameSite: 'strict', path: '/' }, getToken: (req) => req.headers['x-csrf-token'] as string | undefined });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`), { statusCode: 429 }),
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Madoguchi API', version: '1', description: 'Omnichannel contact center: CRM 360, interactions, cases. Send `X-Tenant: <slug>` when your user serves several tenants; cookie sessions also send `X-CSRF-Token` on writes.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'madoguchi_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(accessPlugin, { resolver: services.auth });
  await app.register(textGuardPlugin);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.database.ping();
      return { status: 'ready', database: deps.database.kind };
    } catch {
      return sendProblem(reply, 503, 'unavailable', 'Database is not reachable');
    }
  });

  await app.register(authRoutes, { auth: services.auth, cookieSecure: config.cookieSecure, loginRateLimitPerMinute: config.loginRateLimitPerMinute });
  await app.register(userRoutes, { users: services.users });
  await app.register(customerRoutes, { customers: services.customers, overview: services.overview });
  await app.register(customerImportRoutes, { customerImport: services.customerImport });
  await app.register(catalogRoutes, { catalog: services.catalog });
  await app.register(orderRoutes, { orders: services.orders });
  await app.register(interactionRoutes, { interactions: services.interactions });
  await app.register(caseRoutes, { cases: services.cases });
  await app.register(auditRoutes, { audit: services.audit });
  // Screen pops of telephony (CTI) reach the agent socket, which routing registers in its own scope.
  app.decorate('agentNotices', services.agentNotices);
  await app.register(routingRoutes, { services, allowedOrigins: config.corsOrigins });
  await app.register(routingAdminRoutes, { routingAdmin: services.routingAdmin });
  await app.register(knowledgeRoutes, { knowledge: services.knowledge });
  await app.register(knowledgeWorkflowRoutes, { workflow: services.knowledgeWorkflow });
  await app.register(knowledgeAttachmentRoutes, { attachments: services.knowledgeAttachments });
  await app.register(knowledgeReportRoutes, { reports: services.knowledgeReports });
  await app.register(knowledgeSuggestRoutes, { suggest: services.knowledgeSuggest });
  await app.register(portalAdminRoutes, { settings: services.portal.settings, voices: services.portal.voices, freshness: services.portal.freshness, reader: services.portal.reader });
  await app.register(portalRoutes, {
    prefix: '/portal', settings: services.portal.settings, reader: services.portal.reader, contact: services.portal.contact, tokens: services.portal.tokens,
    publicUrl: config.publicUrl, rateLimits: deps.portalRateLimits,
  });
  await app.register(knowledgeImportRoutes, { knowledgeImport: services.knowledgeImport });
  await app.register(talkFlowRoutes, { talkFlows: services.talkFlows });
  await app.register(ivrFlowRoutes, { ivrFlows: services.ivrFlows });
  await app.register(telephonySettingsRoutes, { telephony: services.telephonySettings, publicUrl: config.publicUrl });
  await app.register(ctiRoutes, { cti: services.cti });
  await app.register(callLogRoutes, { calls: services.callLog });
  await app.register(twilioVoiceRoutes, { voice: services.twilioVoice, publicUrl: config.publicUrl });
  await app.register(softphoneRoutes, { twilioSecretsOf: services.telephonySettings.twilioSecretsOf });
  // Click-to-call reaches out (the PBX, Twilio's REST API at config.twilioApiUrl): wired here, where the config is.
  const clickToCall = createClickToCallService({
    settings: services.telephonySettings, customers: services.customers, voice: services.twilioVoice, audit: services.audit,
    twilioCalls: createTwilioCalls({ apiBaseUrl: config.twilioApiUrl }), pbx: createPbxDialer(),
  });
  await app.register(clickToCallRoutes, { clickToCall, publicUrl: config.publicUrl });

  if (serveConsole) await registerConsole(app, webRoot);
  return app;
}

/** Serves the built SPA; unknown non-API GETs get index.html so client-side routes deep-link. */
async function registerConsole(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) return reply.sendFile('index.html');
    return sendNotFoundProblem(request, reply);
  });
}
