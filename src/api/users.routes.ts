import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserId } from '../domain/access.js';
import type { CollectionId } from '../domain/ids.js';
import { collectionIdSchema, passwordSchema, roleSchema, toUserJson, userSchema, usernameSchema } from './schemas.js';

const ADMIN = { policy: { minRole: 'administrator', scope: 'global' } } as const;
const userParams = z.strictObject({ userId: z.string().min(1).max(100) });
const roleParams = z.strictObject({ userId: z.string().min(1).max(100), collectionId: collectionIdSchema });

/** Account management, for Chronicle administrators. Changing or removing a role, or setting a new password, ends that user's sessions. */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { accounts } = app.chronicle;

  app.get(
    '/api/v1/users',
    { config: ADMIN, schema: { summary: 'List accounts with their roles', response: { 200: z.object({ items: z.array(userSchema) }) } } },
    async (request) => ({ items: (await accounts.listUsers(request.principal!)).map(toUserJson) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: ADMIN,
      schema: {
        summary: 'Create an account',
        body: z.strictObject({
          username: usernameSchema,
          password: passwordSchema,
          displayName: z.string().max(200).optional(),
          isAdmin: z.boolean().optional(),
          memberships: z.array(z.strictObject({ collectionId: collectionIdSchema, role: roleSchema })).max(100).optional(),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const memberships = body.memberships?.map((m) => ({ collectionId: m.collectionId as CollectionId, role: m.role }));
      return reply.status(201).send(toUserJson(await accounts.createUser(request.principal!, { ...body, memberships })));
    },
  );

  app.patch(
    '/api/v1/users/:userId',
    {
      config: ADMIN,
      schema: {
        summary: 'Rename an account or make it (or stop it being) a Chronicle administrator',
        params: userParams,
        body: z.strictObject({ displayName: z.string().min(1).max(200).optional(), isAdmin: z.boolean().optional() }),
        response: { 200: userSchema },
      },
    },
    async (request) => toUserJson(await accounts.updateUser(request.principal!, request.params.userId as UserId, request.body)),
  );

  app.delete(
    '/api/v1/users/:userId',
    { config: ADMIN, schema: { summary: 'Remove an account (its sessions and tokens end)', params: userParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await accounts.removeUser(request.principal!, request.params.userId as UserId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/users/:userId/password',
    {
      // As for /me/password: few a minute, so a hijacked administrator session cannot take over many accounts quickly.
      config: { ...ADMIN, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        summary: "Set a new password for someone who forgot theirs: their browser sessions end, their API tokens stay; not for your own (use /me/password)",
        params: userParams,
        body: z.strictObject({ password: passwordSchema }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await accounts.resetPassword(request.principal!, request.params.userId as UserId, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/users/:userId/roles/:collectionId',
    {
      config: ADMIN,
      schema: {
        summary: "Set a user's role in a collection",
        params: roleParams,
        body: z.strictObject({ role: roleSchema }),
        response: { 200: userSchema },
      },
    },
    async (request) =>
      toUserJson(await accounts.setRole(request.principal!, request.params.userId as UserId, request.params.collectionId as CollectionId, request.body.role)),
  );

  app.delete(
    '/api/v1/users/:userId/roles/:collectionId',
    { config: ADMIN, schema: { summary: "Remove a user's role in a collection", params: roleParams, response: { 200: userSchema } } },
    async (request) =>
      toUserJson(await accounts.removeRole(request.principal!, request.params.userId as UserId, request.params.collectionId as CollectionId)),
  );
};
