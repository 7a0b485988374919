/**
 * What a credential (a session or an API token, by the hash of its secret) was found to stand
 * for, kept while the database has not changed: a busy script or page asks many times a second,
 * and each answer otherwise costs three queries (credential, user, memberships).
 *
 * An entry is used only while the database's change token (DatabaseHandle.changeToken) is the
 * one read before the entry's rows were, and before its `validUntil` (the credential's expiry,
 * idle expiry, and when its last-use time is next due to be written). So a logout, a revoked
 * token, a removed role or account — every one a write — ends it at once, and time-based
 * expiry is checked to the millisecond, as without the memo.
 *
 *   const memo = new CredentialMemo(database.changeToken);
 *   const seen = await memo.begin(hash, now);  // { value } on a hit, else { token } to store with
 *   if ('value' in seen) return seen.value;
 *   … read the rows …
 *   memo.keep(hash, seen.token, principal, validUntilMs);
 */
export class CredentialMemo<T> {
  private readonly entries = new Map<string, { token: string; value: T; validUntil: number }>();

  constructor(
    private readonly changeToken: () => Promise<string>,
    private readonly max = 1000,
  ) {}

  /** The kept value for this credential, or the change token to keep a fresh one with. */
  async begin(key: string, nowMs: number): Promise<{ value: T } | { token: string }> {
    const token = await this.changeToken();
    const e = this.entries.get(key);
    if (e && e.token === token && nowMs < e.validUntil) return { value: e.value };
    if (e) this.entries.delete(key);
    return { token };
  }

  keep(key: string, token: string, value: T, validUntilMs: number): void {
    if (this.entries.size >= this.max) {
      // Oldest first (insertion order): a memo, not a store.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { token, value, validUntil: validUntilMs });
  }
}
