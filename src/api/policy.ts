import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, hasRoleAnywhere, isRole, type Principal, type Role } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { DEFAULT_COLLECTION, type CollectionId } from '../domain/ids.js';
import type { AccountService } from '../services/account.service.js';
import type { ApiTokenService } from '../services/api-token.service.js';
import { secretsEqual } from '../services/secrets.js';
import type { SessionService } from '../services/session.service.js';
import type { SessionCookie } from './session-cookie.js';

/**
 * Every route states who may call it, in its `config.policy`; one onRequest hook enforces it
 * before the body is even read, and a route without a policy stops the app from starting.
 *
 *   { minRole: 'public' }                              anyone (login, the OpenAPI document)
 *   { minRole: 'setup' }                               anyone, only while no account exists (then 409)
 *   { minRole: 'authenticated' }                       any signed-in user, whatever their roles
 *   { minRole: 'viewer', scope: 'collection' }         that role in the collection named by ?collection= (default "default")
 *   { minRole: 'viewer', scope: 'any' }                that role in some collection; the service checks the resource's own
 *   { minRole: 'administrator', scope: 'global' }      a global administrator
 *   sessionOnly: true                                  a browser session, not an API token
 */
export type Access = 'public' | 'setup' | 'authenticated' | Role;

export interface RoutePolicy {
  minRole: Access;
  scope?: 'collection' | 'any' | 'global';
  sessionOnly?: boolean;
}

export interface BrowserSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    /** The authenticated caller, set by the policy hook on routes that need one. */
    principal: Principal | null;
    /** The browser session the caller authenticated with (null for API tokens and public routes). */
    browserSession: BrowserSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Rejects a policy that is missing or makes no sense; the error names the route. */
export function checkPolicy(method: string, url: string, policy: RoutePolicy | undefined): RoutePolicy {
  const where = `${method} ${url}`;
  if (!policy) throw new Error(`route ${where} declares no policy (config.policy): every route must say who may call it`);
  const role = isRole(policy.minRole);
  if (!role && !['public', 'setup', 'authenticated'].includes(policy.minRole)) throw new Error(`route ${where}: unknown minRole ${policy.minRole}`);
  if (role && !policy.scope) throw new Error(`route ${where}: a role policy needs a scope (collection, any or global)`);
  if (!role && policy.scope) throw new Error(`route ${where}: scope only applies to role policies`);
  if (policy.scope === 'global' && policy.minRole !== 'administrator') throw new Error(`route ${where}: global scope is for administrators`);
  return policy;
}

export interface PolicyDeps {
  accounts: AccountService;
  sessions: SessionService;
  tokens: ApiTokenService;
  cookie: SessionCookie;
  /** Host names accepted in the Host header; null accepts any. */
  allowedHosts: string[] | null;
}

/** Records every route with its checked policy, and enforces policies on every request. */
export function installPolicy(app: FastifyInstance, deps: PolicyDeps): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('principal', null);
  app.decorateRequest('browserSession', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const policy = checkPolicy(methods.join(','), route.url, route.config?.policy);
    for (const method of methods) routes.push({ method, url: route.url, policy });
  });
  app.addHook('onRequest', async (request, reply) => {
    checkHost(request, deps.allowedHosts);
    if (!SAFE_METHODS.has(request.method)) checkSameOrigin(request);
    // The not-found handler has no policy: there is nothing behind it to protect.
    const policy = request.routeOptions.config.policy;
    if (!policy || request.is404) return;
    if (policy.minRole === 'public') return;
    if (policy.minRole === 'setup') {
      // Answered before the body is read; the service re-checks inside its transaction (races).
      if (!(await deps.accounts.needsSetup())) throw new AppError('CONFLICT', 'Chronicle is already set up: sign in instead');
      return;
    }
    const principal = await authenticate(request, reply, deps);
    if (policy.sessionOnly && principal.via !== 'session') throw new AppError('FORBIDDEN', 'this needs a signed-in browser session, not an API token');
    if (policy.minRole === 'authenticated') return;
    const needed = policy.minRole;
    if (policy.scope === 'global' && !principal.user.isAdmin) throw new AppError('FORBIDDEN', 'this needs a Chronicle administrator');
    if (policy.scope === 'any' && !hasRoleAnywhere(principal, needed)) throw new AppError('FORBIDDEN', `this needs the ${needed} role`);
    if (policy.scope === 'collection') {
      const collectionId = collectionOf(request);
      if (!hasRole(principal, collectionId, needed)) throw new AppError('FORBIDDEN', `this needs the ${needed} role in collection ${collectionId}`);
    }
  });
  return routes;
}

/** The collection a collection-scoped request is about: `?collection=`, else the default one. */
export function collectionOf(request: FastifyRequest): CollectionId {
  const q = request.query as Record<string, unknown> | undefined;
  return (typeof q?.collection === 'string' && q.collection !== '' ? q.collection : DEFAULT_COLLECTION) as CollectionId;
}

async function authenticate(request: FastifyRequest, reply: FastifyReply, deps: PolicyDeps): Promise<Principal> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    // A script's token. Never fall back to the cookie when a bad token is sent.
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const principal = match ? await deps.tokens.authenticate(match[1]!) : null;
    if (!principal) throw new AppError('UNAUTHENTICATED', 'the API token is invalid, expired or revoked');
    request.principal = principal;
    return principal;
  }
  const token = deps.cookie.read(request);
  if (!token) throw new AppError('UNAUTHENTICATED', 'sign in first');
  const active = await deps.sessions.authenticate(token);
  if (!active) {
    deps.cookie.clear(reply);
    throw new AppError('UNAUTHENTICATED', 'the session has expired or was ended: sign in again');
  }
  // Cookies ride along on cross-site requests; a state change must also prove it came from our page.
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !secretsEqual(sent, active.csrfToken)) {
      throw new AppError('FORBIDDEN', `missing or wrong ${CSRF_HEADER} header (get it from GET /api/v1/me)`, { details: { reason: 'csrf' } });
    }
  }
  request.principal = active.principal;
  request.browserSession = { token, csrfToken: active.csrfToken, expiresAt: active.expiresAt, idleExpiresAt: active.idleExpiresAt };
  return active.principal;
}

/** DNS-rebinding guard: a page on another name resolving to our address must not reach us. */
function checkHost(request: FastifyRequest, allowed: string[] | null): void {
  if (allowed === null) return;
  const host = request.hostname.toLowerCase();
  if (!allowed.includes(host)) throw new AppError('FORBIDDEN', 'unexpected Host header', { details: { reason: 'host' } });
}

/** A state-changing request sent by a browser from another origin is refused outright. */
function checkSameOrigin(request: FastifyRequest): void {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw crossOrigin();
  const origin = request.headers.origin;
  if (origin === undefined) return;
  // Both sides through URL, so a default port (":80") is dropped from either alike.
  let same: boolean;
  try {
    same = new URL(origin).host === new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    same = false;
  }
  if (!same) throw crossOrigin();
}

function crossOrigin(): AppError {
  return new AppError('FORBIDDEN', 'cross-origin request refused', { details: { reason: 'origin' } });
}

/** Host names a loopback-bound server answers to. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
