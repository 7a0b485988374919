import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { Dialog } from '../../components/dialog.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { NewPasswordFields, passwordsDiffer } from '../../components/new-password-fields.js';
import { useI18n } from '../../i18n/index.js';
import type { User } from '../../lib/types.js';

/**
 * An administrator sets a new password for someone who forgot theirs
 * (POST /users/:id/password): the person is signed out of every browser, their API tokens
 * keep working. Not offered for your own account: that goes through Your account, which asks
 * for the current password. The server's refusal (too short, contains the login name…) is
 * shown in the dialog and what was typed stays, so only the field at fault is retyped.
 */
export function PasswordDialog(props: { user: User | null; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ password: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const user = props.user;
  const mismatch = passwordsDiffer(form.password, form.repeat);

  // A fresh form for every account the dialog opens on: never carry a password over.
  useEffect(() => {
    setForm({ password: '', repeat: '' });
    setError(null);
  }, [user?.id]);

  return (
    <Dialog open={user !== null} title={t('users.passwordTitle', { name: user?.username ?? '' })} onClose={props.onClose} testid="user-password-dialog">
      {user ? (
        <form
          class="form"
          data-testid="user-password-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (mismatch) return;
            setBusy(true);
            setError(null);
            try {
              await api.post<void>(`/users/${encodeURIComponent(user.id)}/password`, { password: form.password });
              setForm({ password: '', repeat: '' });
              props.onDone(user);
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          <p class="muted small">{t('users.passwordExplain')}</p>
          <ErrorNotice error={error} onDismiss={() => setError(null)} testid="user-password-error" />
          <NewPasswordFields
            password={form.password}
            repeat={form.repeat}
            onPassword={(v) => setForm({ ...form, password: v })}
            onRepeat={(v) => setForm({ ...form, repeat: v })}
            testid="user-password"
          />
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy || mismatch} data-testid="user-password-submit">
              {t('users.passwordSubmit')}
            </button>
            <button type="button" class="btn" onClick={props.onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
