import { useState } from 'preact/hooks';
import { api, itemsOf } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/lazy.js';
import { useStatus } from '../../components/status.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import type { Role, User } from '../../lib/types.js';
import { useApi } from '../../lib/use-api.js';
import { href } from '../../router.js';
import { COLLECTION, roleOf, useSession } from '../../session.js';
import { PasswordDialog } from './password-dialog.js';

const ROLES: Role[] = ['viewer', 'analyst', 'editor', 'administrator'];

/**
 * Accounts and their role in the workbench's collection (Chronicle administrators only), and a
 * new password for someone who forgot theirs (not for yourself: that is under Your account).
 */
export function UsersPage() {
  const { t, dateTime } = useI18n();
  const { announce } = useStatus();
  const session = useSession();
  const users = useApi(async () => itemsOf<User>(await api.get('/users')), []);
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'analyst' as Role });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const setRole = async (u: User, role: string) => {
    setError(null);
    try {
      if (role) await api.put(`/users/${encodeURIComponent(u.id)}/roles/${COLLECTION}`, { role });
      else await api.delete(`/users/${encodeURIComponent(u.id)}/roles/${COLLECTION}`);
      announce(t('users.roleChanged', { name: u.username }));
      void users.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div class="page users">
      <div class="page-head">
        <h1>{t('users.title')}</h1>
      </div>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      <section class="card">
        <h2>{t('users.create')}</h2>
        <form
          class="form row"
          data-testid="user-create-form"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await api.post('/users', {
                username: form.username,
                password: form.password,
                ...(form.displayName.trim() ? { displayName: form.displayName.trim() } : {}),
                memberships: [{ collectionId: COLLECTION, role: form.role }],
              });
              announce(t('users.created', { name: form.username }));
              setForm({ username: '', displayName: '', password: '', role: form.role });
              void users.reload();
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          <label class="field">
            <span>{t('auth.username')}</span>
            <input value={form.username} onInput={(e) => setForm({ ...form, username: e.currentTarget.value })} required autoComplete="off" data-testid="user-username" />
          </label>
          <label class="field">
            <span>{t('setup.displayName')}</span>
            <input value={form.displayName} onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} data-testid="user-display-name" />
          </label>
          <label class="field">
            <span>{t('auth.password')}</span>
            <input type="password" value={form.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} required minLength={12} autoComplete="new-password" data-testid="user-password" />
          </label>
          <label class="field">
            <span>{t('users.role')}</span>
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })} data-testid="user-role">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="user-create">
              {t('users.createSubmit')}
            </button>
          </div>
        </form>
      </section>
      <section class="card">
        <ErrorNotice error={users.error} />
        {users.loading && !users.data ? <Loading /> : null}
        <table class="table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t('auth.username')}</th>
              <th scope="col">{t('setup.displayName')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.createdAt')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((u) => (
              <tr key={u.id} data-testid="user-row" data-username={u.username}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  {u.isAdmin ? (
                    <span class="role-badge role-administrator">{t('users.globalAdmin')}</span>
                  ) : (
                    <select value={roleOf(u) ?? ''} onChange={(e) => void setRole(u, e.currentTarget.value)} aria-label={t('users.roleOf', { name: u.username })}>
                      <option value="">{t('role.none')}</option>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td class="small muted">{dateTime(u.createdAt)}</td>
                <td>
                  {u.id === session.user?.id ? (
                    <a href={href('/account')} class="small">
                      {t('users.passwordOwn')}
                    </a>
                  ) : (
                    <button
                      type="button"
                      class="btn btn-small"
                      onClick={() => setResetting(u)}
                      aria-label={t('users.passwordFor', { name: u.username })}
                      data-testid="user-password-open"
                    >
                      {t('users.passwordAction')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <PasswordDialog
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(u) => {
          setResetting(null);
          announce(t('users.passwordSet', { name: u.username }));
        }}
      />
    </div>
  );
}
