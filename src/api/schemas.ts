import { z } from 'zod';
import { PASSWORD_MAX, ROLES, type Principal } from '../domain/access.js';
import type { Account } from '../services/account.service.js';

/** Zod schemas shared by several routes files. Request schemas are strict: unknown fields are errors. */
export const roleSchema = z.enum(ROLES);
export const collectionIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a collection id: lower-case letters, digits, _ and -');
export const collectionQuerySchema = z.strictObject({ collection: collectionIdSchema.optional() });

export const usernameSchema = z.string().min(2).max(64);
export const passwordSchema = z.string().min(1).max(PASSWORD_MAX);

export const membershipSchema = z.object({ collectionId: z.string(), role: roleSchema });

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    isAdmin: z.boolean().meta({ description: 'global administrator: administrator of every collection, manages accounts' }),
    createdAt: z.string(),
    memberships: z.array(membershipSchema),
  })
  .meta({ id: 'User' });

export const sessionSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string().meta({ description: 'send in the X-CSRF-Token header on every state-changing request' }),
    expiresAt: z.string(),
  })
  .meta({ id: 'Session' });

export function toUserJson(u: Account | Principal): z.infer<typeof userSchema> {
  const user = 'user' in u ? u.user : u;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    createdAt: user.createdAt,
    memberships: u.memberships.map((m) => ({ collectionId: m.collectionId, role: m.role })),
  };
}
