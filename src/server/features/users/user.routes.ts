import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/access.plugin.js';
import { errorResponses } from '../../platform/http.schemas.js';
import { memberListDto } from './user.schemas.js';
import type { UserService } from './user.service.js';

export async function userRoutes(app: FastifyInstance, opts: { users: UserService }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/users', {
    schema: { tags: ['users'], summary: 'Members of the active tenant (owner and agent pickers)', response: { 200: memberListDto, ...errorResponses } },
    config: { access: 'users:read' },
  }, async (request) => ({ items: await opts.users.listMembers(ctxOf(request)) }));
}
