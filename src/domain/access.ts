import { createId, type Branded, type CollectionId } from './ids.js';

/**
 * Who may do what. Roles are held per collection (a collection is the permission boundary);
 * a global administrator holds `administrator` in every collection.
 *
 *   viewer        reads sources, records, search
 *   analyst       + captures sources, works on suggestions
 *   editor        + edits and confirms records
 *   administrator + manages the collection
 *
 *   hasRole({ isAdmin: false, roles: new Map([['default', 'analyst']]) }, 'default', 'viewer') // true
 */
export const ROLES = ['viewer', 'analyst', 'editor', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, editor: 3, administrator: 4 };

export type UserId = Branded<string, 'UserId'>;
export type ApiTokenId = Branded<string, 'ApiTokenId'>;

export const createUserId = (): UserId => createId('usr') as UserId;
export const createApiTokenId = (): ApiTokenId => createId('tok') as ApiTokenId;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleAtLeast(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}

export interface User {
  id: UserId;
  /** Login name, stored lower-cased; unique among users not removed. */
  username: string;
  displayName: string;
  /** Global administrator: administrator of every collection, manages accounts. */
  isAdmin: boolean;
  createdAt: string;
}

export interface Membership {
  collectionId: CollectionId;
  role: Role;
}

/** The caller of one request, as authenticated: a user and how they proved it. */
export interface Principal {
  user: User;
  memberships: Membership[];
  /** `session` (browser cookie, CSRF-checked) or `token` (Authorization: Bearer, for scripts). */
  via: 'session' | 'token';
  /** Session or API token id (hash id for sessions), for logout and audit. */
  credentialId: string;
}

export function roleIn(principal: Pick<Principal, 'user' | 'memberships'>, collectionId: CollectionId): Role | null {
  if (principal.user.isAdmin) return 'administrator';
  return principal.memberships.find((m) => m.collectionId === collectionId)?.role ?? null;
}

/** Whether the principal holds at least `needed` in the collection. */
export function hasRole(principal: Pick<Principal, 'user' | 'memberships'>, collectionId: CollectionId, needed: Role): boolean {
  const held = roleIn(principal, collectionId);
  return held !== null && roleAtLeast(held, needed);
}

/** Whether the principal holds at least `needed` in some collection (the resource decides which). */
export function hasRoleAnywhere(principal: Pick<Principal, 'user' | 'memberships'>, needed: Role): boolean {
  return principal.user.isAdmin || principal.memberships.some((m) => roleAtLeast(m.role, needed));
}

/** Login names: letters, digits and . _ - @, 2 to 64 characters; compared case-insensitively. */
export const USERNAME_PATTERN = /^[\p{L}\p{N}._@-]{2,64}$/u;
/** Long enough to resist guessing, short enough that hashing it cannot be used to tie up the server. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}
