import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's 2023 parameters (19 MiB, 2 passes, 1 lane). The PHC string stores the
 * parameters, so raising them later still verifies old hashes.
 *
 *   const h = await hashPassword('correct horse battery');  // '$argon2id$v=19$m=19456,t=2,p=1$…'
 *   await verifyPassword(h, 'correct horse battery')        // true
 */
// 2 = Algorithm.Argon2id (a const enum, which isolatedModules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Spends the same time as checking a real password, for logins naming no account: the
 * response time must not tell an attacker which login names exist.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('chronicle: no such account');
  await verifyPassword(await dummy, password);
  return false;
}
