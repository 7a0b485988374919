import type { FastifyRequest } from 'fastify';
import type { Role } from '../domain/access.js';
import type { GuardedRecordKind } from '../services/record-access.service.js';
import type { RoutePolicy } from './policy.js';

/**
 * The policy and guard of a route that addresses one record by id (`/events/:eventId/…`):
 * the policy hook lets in callers holding `role` in some collection, then the guard checks
 * the role in the record's own collection — before the body is validated, so an outsider
 * learns nothing from the answer: 404 whatever was sent (as for sources). Members with a
 * lesser role get 403.
 *
 *   app.post('/api/v1/events/:eventId/withdraw', { ...recordRoute('event', 'editor', 'eventId'), schema }, handler)
 *   app.get('/api/v1/events/:eventId', { ...recordRoute('event', 'viewer', 'eventId', { cache: true }), schema }, handler)
 */
export function recordRoute(
  kind: GuardedRecordKind,
  role: Role,
  param: string,
  options: { cache?: boolean } = {},
): { config: { policy: RoutePolicy; cache?: boolean }; preValidation: (request: FastifyRequest) => Promise<void> } {
  return {
    config: { policy: { minRole: role, scope: 'any' }, ...(options.cache ? { cache: true } : {}) },
    preValidation: async (request) => {
      // Params are not validated yet: an absurd id is simply not found.
      const id = String((request.params as Record<string, unknown>)[param] ?? '').slice(0, 200);
      await request.server.chronicle.records.access.require(request.principal!, kind, id, role);
    },
  };
}

/** The signed-in person, as named in history and claims. */
export function actorOf(request: FastifyRequest): string {
  return request.principal!.user.username;
}
