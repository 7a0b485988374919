import { useState } from 'preact/hooks';
import { api } from '../../api-client.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { LanguageSwitch } from '../../components/language-switch.js';
import { useI18n } from '../../i18n/index.js';
import type { SetupState, User } from '../../lib/types.js';
import { useSession } from '../../session.js';

const PASSWORD_MIN = 12;

function AuthFrame({ title, children }: { title: string; children: preact.ComponentChildren }) {
  const { t } = useI18n();
  return (
    <div class="auth-page">
      <div class="auth-lang">
        <LanguageSwitch />
      </div>
      <main class="auth-card" id="main">
        <div class="brand brand-large" aria-hidden="true">
          <span class="brand-mark">C</span> Chronicle
        </div>
        {/* Kazakh greeting, the same in every UI language. */}
        <p class="welcome" lang="kk" data-testid="welcome-kk">
          Қош келдіңіз
        </p>
        <p class="muted tagline">{t('auth.tagline')}</p>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

/** First run: create the first administrator. There is no default password. */
export function SetupPage({ setup }: { setup: SetupState }) {
  const { t } = useI18n();
  const session = useSession();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', confirm: '', setupCode: '' });
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <AuthFrame title={t('setup.title')}>
      <p>{t('setup.explain')}</p>
      <form
        class="form"
        data-testid="setup-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (form.password !== form.confirm) return setMismatch(true);
          setMismatch(false);
          setBusy(true);
          setError(null);
          try {
            const body: Record<string, string> = { username: form.username, password: form.password };
            if (form.displayName.trim()) body.displayName = form.displayName.trim();
            if (setup.setupCodeRequired) body.setupCode = form.setupCode;
            const s = await api.post<{ user: User; csrfToken: string }>('/setup', body, { noReauth: true });
            session.signedIn(s);
            location.hash = '#/inbox';
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorNotice error={error} testid="setup-error" />
        <label class="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" required minLength={2} maxLength={64} value={form.username} onInput={set('username')} data-testid="setup-username" />
        </label>
        <label class="field">
          <span>{t('setup.displayName')}</span>
          <input name="displayName" autoComplete="name" maxLength={200} value={form.displayName} onInput={set('displayName')} data-testid="setup-display-name" />
        </label>
        <label class="field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            maxLength={256}
            value={form.password}
            onInput={set('password')}
            aria-describedby="pw-hint"
            data-testid="setup-password"
          />
          <small id="pw-hint" class="hint">
            {t('setup.passwordHint', { min: PASSWORD_MIN })}
          </small>
        </label>
        <label class="field">
          <span>{t('setup.confirm')}</span>
          <input
            name="confirm"
            type="password"
            autoComplete="new-password"
            required
            value={form.confirm}
            onInput={set('confirm')}
            aria-invalid={mismatch}
            data-testid="setup-confirm"
          />
          {mismatch ? (
            <small class="field-error" role="alert">
              {t('setup.mismatch')}
            </small>
          ) : null}
        </label>
        {setup.setupCodeRequired ? (
          <label class="field">
            <span>{t('setup.code')}</span>
            <input name="setupCode" autoComplete="off" required value={form.setupCode} onInput={set('setupCode')} data-testid="setup-code" />
            <small class="hint">{t('setup.codeHint')}</small>
          </label>
        ) : null}
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="setup-submit">
          {busy ? t('common.working') : t('setup.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <AuthFrame title={t('login.title')}>
      <form
        class="form"
        data-testid="login-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const s = await api.post<{ user: User; csrfToken: string }>('/login', { username, password }, { noReauth: true });
            session.signedIn(s);
            if (/^#\/(login|setup)?$/.test(location.hash) || !location.hash) location.hash = '#/inbox';
          } catch (err) {
            setError(err);
            setPassword('');
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorNotice error={error} testid="login-error" />
        <label class="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} data-testid="login-username" />
        </label>
        <label class="field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            data-testid="login-password"
          />
        </label>
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="login-submit">
          {busy ? t('common.working') : t('auth.signIn')}
        </button>
      </form>
    </AuthFrame>
  );
}
