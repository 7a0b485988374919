import { useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { NewPasswordFields, passwordsDiffer } from '../../components/new-password-fields.js';
import { useStatus } from '../../components/status.js';
import { useI18n } from '../../i18n/index.js';
import { useSession } from '../../session.js';

/**
 * Your account: change your password. The current password is asked for; your other browser
 * sessions are signed out, this one stays (POST /me/password). What was typed stays in the
 * form when the server refuses it, so nothing has to be typed again but the field at fault.
 */
export function AccountPage() {
  const { t } = useI18n();
  const { announce } = useStatus();
  const session = useSession();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = passwordsDiffer(form.newPassword, form.repeat);

  return (
    <div class="page narrow account">
      <div class="page-head">
        <h1>{t('account.title')}</h1>
        <p class="muted">@{session.user?.username}</p>
      </div>
      <section class="card">
        <h2>{t('account.changePassword')}</h2>
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
        {done !== null ? (
          <p class="notice notice-ok" role="status" data-testid="password-changed">
            {t('account.changed', { count: done })}
          </p>
        ) : null}
        <form
          class="form"
          data-testid="password-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (mismatch) return;
            setBusy(true);
            setError(null);
            setDone(null);
            try {
              const r = await api.post<{ sessionsEnded: number }>('/me/password', { currentPassword: form.currentPassword, newPassword: form.newPassword });
              setForm({ currentPassword: '', newPassword: '', repeat: '' });
              setDone(r.sessionsEnded);
              announce(t('account.changed', { count: r.sessionsEnded }));
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          {/* For password managers: whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={session.user?.username ?? ''} readOnly hidden />
          <label class="field">
            <span>{t('account.current')}</span>
            <input type="password" value={form.currentPassword} onInput={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })} required autoComplete="current-password" data-testid="password-current" />
          </label>
          <NewPasswordFields
            password={form.newPassword}
            repeat={form.repeat}
            onPassword={(v) => setForm({ ...form, newPassword: v })}
            onRepeat={(v) => setForm({ ...form, repeat: v })}
            testid="password"
          />
          <button type="submit" class="btn btn-primary" disabled={busy || mismatch} data-testid="password-submit">
            {t('account.submit')}
          </button>
        </form>
        <p class="muted small">{t('account.explain')}</p>
      </section>
    </div>
  );
}
