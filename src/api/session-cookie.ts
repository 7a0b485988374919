import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The browser-session cookie: HttpOnly (no script can read it), SameSite=Strict (not sent on
 * any cross-site request), Path=/.
 *
 * Secure whenever the server can be reached over a network: then it is also named with the
 * `__Host-` prefix, which browsers accept only from a secure origin with no Domain attribute,
 * so a sibling subdomain cannot plant or overwrite it. The one exception is a server bound to
 * loopback speaking plain HTTP (the default `chronicle serve` on 127.0.0.1): browsers do not
 * reliably store Secure cookies from http://127.0.0.1, the traffic never leaves the machine,
 * and a Secure flag there would only make signing in impossible. Behind a TLS proxy on the same
 * machine, set CHRONICLE_COOKIE_SECURE=always.
 */
export interface SessionCookie {
  readonly name: string;
  readonly secure: boolean;
  read(request: FastifyRequest): string | null;
  set(reply: FastifyReply, token: string, expiresAt: string): void;
  clear(reply: FastifyReply): void;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function sessionCookie(secure: boolean): SessionCookie {
  const name = secure ? '__Host-chronicle-session' : 'chronicle-session';
  const base = { path: '/', httpOnly: true, secure, sameSite: 'strict' as const };
  return {
    name,
    secure,
    read(request) {
      const value = request.cookies[name];
      return value && TOKEN.test(value) ? value : null;
    },
    set(reply, token, expiresAt) {
      reply.setCookie(name, token, { ...base, expires: new Date(expiresAt) });
    },
    clear(reply) {
      reply.clearCookie(name, base);
    },
  };
}
