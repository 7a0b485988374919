import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiTokenId } from '../domain/access.js';
import type { ApiToken } from '../storage/api-token.repository.js';

const tokenSchema = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), expiresAt: z.string().nullable() })
  .meta({ id: 'ApiToken' });

function toTokenJson(t: ApiToken): z.infer<typeof tokenSchema> {
  return { id: t.id, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, expiresAt: t.expiresAt };
}

/** API tokens for scripts. They act with their user's current roles. */
export const tokensRoutes: FastifyPluginAsyncZod = async (app) => {
  const { tokens } = app.chronicle;

  app.get(
    '/api/v1/tokens',
    {
      config: { policy: { minRole: 'authenticated' } },
      schema: { summary: 'Your API tokens (never their secrets)', response: { 200: z.object({ items: z.array(tokenSchema) }) } },
    },
    async (request) => ({ items: (await tokens.list(request.principal!)).map(toTokenJson) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      // Only a signed-in person mints tokens: a leaked token cannot make itself a successor.
      config: { policy: { minRole: 'authenticated', sessionOnly: true } },
      schema: {
        summary: 'Create an API token; its secret is shown only in this response',
        body: z.strictObject({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(3650).optional() }),
        response: { 201: tokenSchema.extend({ secret: z.string().meta({ description: 'send as Authorization: Bearer <secret>' }) }) },
      },
    },
    async (request, reply) => {
      const { token, secret } = await tokens.create(request.principal!, request.body);
      return reply.status(201).send({ ...toTokenJson(token), secret });
    },
  );

  app.delete(
    '/api/v1/tokens/:tokenId',
    {
      config: { policy: { minRole: 'authenticated' } },
      schema: { summary: 'Revoke an API token', params: z.strictObject({ tokenId: z.string().min(1).max(100) }), response: { 204: z.null() } },
    },
    async (request, reply) => {
      await tokens.revoke(request.principal!, request.params.tokenId as ApiTokenId);
      return reply.status(204).send(null);
    },
  );
};
