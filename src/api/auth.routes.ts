import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IssuedSession } from '../services/session.service.js';
import { passwordSchema, sessionSchema, toUserJson, userSchema, usernameSchema } from './schemas.js';
import type { SessionCookie } from './session-cookie.js';

/** Signing in and out, first-run setup, and "who am I". */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { accounts, sessions, cookie } = app.chronicle;

  app.get(
    '/api/v1/setup',
    {
      config: { policy: { minRole: 'public' } },
      schema: {
        summary: 'Whether Chronicle still needs its first administrator',
        response: { 200: z.object({ needsSetup: z.boolean(), setupCodeRequired: z.boolean() }) },
      },
    },
    async () => ({ needsSetup: await accounts.needsSetup(), setupCodeRequired: app.chronicle.setupCodeRequired }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { policy: { minRole: 'setup' }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        summary: 'First run: create the first administrator (only while no account exists) and sign in',
        body: z.strictObject({
          username: usernameSchema,
          password: passwordSchema,
          displayName: z.string().max(200).optional(),
          setupCode: z.string().max(200).optional().meta({ description: 'printed on the server console when Chronicle listens beyond loopback' }),
        }),
        response: { 201: sessionSchema },
      },
    },
    async (request, reply) => {
      const user = await accounts.setup(request.body);
      return issue(reply.status(201), cookie, await sessions.open(user.id, user.username, 'auth.login', cookie.read(request)));
    },
  );

  app.post(
    '/api/v1/login',
    {
      // Per-address volume; per-account guessing is slowed by the login throttle in the service.
      config: { policy: { minRole: 'public' }, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: 'Sign in; sets the session cookie (a new session every time)',
        body: z.strictObject({ username: usernameSchema, password: passwordSchema }),
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) =>
      issue(reply, cookie, await sessions.login({ ...request.body, clientAddress: request.ip, previousToken: cookie.read(request) })),
  );

  app.post(
    '/api/v1/logout',
    {
      config: { policy: { minRole: 'authenticated', sessionOnly: true } },
      schema: { summary: 'Sign out: ends this session and clears the cookie', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await sessions.logout(request.principal!, request.browserSession!.token);
      cookie.clear(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      // A stolen session must not become a way to guess the password: few tries a minute.
      config: { policy: { minRole: 'authenticated', sessionOnly: true }, rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        summary: 'Change your own password: the current one is required; your other sessions end, this one stays',
        body: z.strictObject({ currentPassword: passwordSchema, newPassword: passwordSchema }),
        response: { 200: z.object({ sessionsEnded: z.number().meta({ description: 'your other browser sessions, now signed out' }) }) },
      },
    },
    async (request) => accounts.changePassword(request.principal!, { ...request.body, sessionToken: request.browserSession!.token }),
  );

  app.get(
    '/api/v1/me',
    {
      config: { policy: { minRole: 'authenticated' } },
      schema: {
        summary: 'The signed-in user, their roles, and (for browser sessions) the CSRF token and expiry',
        response: {
          200: z.object({
            user: userSchema,
            via: z.enum(['session', 'token']),
            csrfToken: z.string().nullable(),
            expiresAt: z.string().nullable(),
            idleExpiresAt: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const s = request.browserSession;
      return {
        user: toUserJson(request.principal!),
        via: request.principal!.via,
        csrfToken: s?.csrfToken ?? null,
        expiresAt: s?.expiresAt ?? null,
        idleExpiresAt: s?.idleExpiresAt ?? null,
      };
    },
  );
};

function issue(reply: FastifyReply, cookie: SessionCookie, s: IssuedSession) {
  cookie.set(reply, s.token, s.expiresAt);
  return { user: toUserJson(s.principal), csrfToken: s.csrfToken, expiresAt: s.expiresAt };
}
