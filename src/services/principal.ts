import type { Principal, UserId } from '../domain/access.js';
import type { MembershipRepository } from '../storage/membership.repository.js';
import type { UserRepository } from '../storage/user.repository.js';

/** The live user behind a credential with their current roles, or null when the account is gone. */
export async function loadPrincipal(
  repos: { users: UserRepository; memberships: MembershipRepository },
  userId: UserId,
  via: Principal['via'],
  credentialId: string,
): Promise<Principal | null> {
  const user = await repos.users.findById(userId);
  if (!user) return null;
  return { user, memberships: await repos.memberships.listForUser(userId), via, credentialId };
}
