import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, setCsrfRefresher, setCsrfToken, setReauthHandler } from './api-client.js';
import { Dialog } from './components/dialog.js';
import { ErrorNotice } from './components/error-notice.js';
import { useStatus } from './components/status.js';
import { useI18n } from './i18n/index.js';
import type { Me, Role, SetupState, User } from './lib/types.js';

/**
 * Who is signed in, and what they may do. Roles are per collection; the workbench works in
 * the default collection. `can('analyst')` hides controls a role may not use (the API
 * refuses them anyway). An expired session opens a sign-in dialog over the page, so
 * nothing typed is lost, and the request that met the expiry is sent again afterwards.
 */
export const COLLECTION = 'default';
const RANK: Record<Role, number> = { viewer: 1, analyst: 2, editor: 3, administrator: 4 };

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'setup'; setup: SetupState }
  | { phase: 'signedOut'; setup: SetupState }
  | { phase: 'signedIn'; me: Me }
  | { phase: 'error'; error: unknown };

interface SessionApi {
  state: SessionState;
  user: User | null;
  role: Role | null;
  can: (needed: Role) => boolean;
  signedIn: (session: { user: User; csrfToken: string | null }) => void;
  logout: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function roleOf(user: User, collection = COLLECTION): Role | null {
  if (user.isAdmin) return 'administrator';
  return user.memberships.find((m) => m.collectionId === collection)?.role ?? null;
}

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [state, setState] = useState<SessionState>({ phase: 'loading' });
  const [reauthOpen, setReauthOpen] = useState(false);
  const waiting = useRef<{ resolve: () => void; reject: (e: unknown) => void }[]>([]);
  const status = useStatus();

  const start = useCallback(async () => {
    try {
      const setup = await api.get<SetupState>('/setup', undefined, { noReauth: true });
      if (setup.needsSetup) return setState({ phase: 'setup', setup });
      try {
        const me = await api.get<Me>('/me', undefined, { noReauth: true });
        setCsrfToken(me.csrfToken);
        setState({ phase: 'signedIn', me });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) setState({ phase: 'signedOut', setup });
        else throw e;
      }
    } catch (e) {
      setState({ phase: 'error', error: e });
    }
  }, []);

  useEffect(() => {
    void start();
  }, [start]);

  // While signed in, a 401 anywhere opens the re-login dialog; requests wait for it.
  const signedIn = state.phase === 'signedIn';
  useEffect(() => {
    if (!signedIn) {
      setReauthHandler(null);
      setCsrfRefresher(null);
      return;
    }
    setReauthHandler(
      () =>
        new Promise<void>((resolve, reject) => {
          waiting.current.push({ resolve, reject });
          setReauthOpen(true);
        }),
    );
    setCsrfRefresher(async () => {
      const me = await api.get<Me>('/me');
      setCsrfToken(me.csrfToken);
    });
  }, [signedIn]);

  const onSignedIn = useCallback((s: { user: User; csrfToken: string | null }) => {
    setCsrfToken(s.csrfToken);
    setState({ phase: 'signedIn', me: { user: s.user, via: 'session', csrfToken: s.csrfToken, expiresAt: null } });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/logout', undefined, { noReauth: true });
    } catch {
      /* signed out either way */
    }
    setCsrfToken(null);
    status.clear();
    setState({ phase: 'signedOut', setup: { needsSetup: false, setupCodeRequired: false } });
    location.hash = '#/login';
  }, [status]);

  const user = state.phase === 'signedIn' ? state.me.user : null;
  const role = user ? roleOf(user) : null;
  const value = useMemo<SessionApi>(
    () => ({
      state,
      user,
      role,
      can: (needed) => role !== null && RANK[role] >= RANK[needed],
      signedIn: onSignedIn,
      logout,
      retry: () => void start(),
    }),
    [state, user, role, onSignedIn, logout, start],
  );

  return (
    <SessionContext.Provider value={value}>
      {children}
      <ReloginDialog
        open={reauthOpen}
        username={user?.username ?? ''}
        onDone={(s) => {
          setCsrfToken(s.csrfToken);
          setState((old) => (old.phase === 'signedIn' ? { phase: 'signedIn', me: { ...old.me, user: s.user, csrfToken: s.csrfToken } } : old));
          setReauthOpen(false);
          for (const w of waiting.current.splice(0)) w.resolve();
        }}
        onGiveUp={() => {
          setReauthOpen(false);
          for (const w of waiting.current.splice(0)) w.reject(new Error('signed out'));
        }}
      />
    </SessionContext.Provider>
  );
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

function ReloginDialog(props: { open: boolean; username: string; onDone: (s: { user: User; csrfToken: string }) => void; onGiveUp: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState(props.username);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.open) {
      setUsername((u) => u || props.username);
      setPassword('');
      setError(null);
    }
  }, [props.open, props.username]);
  return (
    <Dialog open={props.open} title={t('relogin.title')} testid="relogin-dialog" required>
      <p class="muted">{t('relogin.explain')}</p>
      <form
        class="form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const s = await api.post<{ user: User; csrfToken: string }>('/login', { username, password }, { noReauth: true });
            props.onDone(s);
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <ErrorNotice error={error} testid="relogin-error" />
        <label class="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required data-testid="relogin-username" />
        </label>
        <label class="field">
          <span>{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required data-testid="relogin-password" />
        </label>
        <div class="actions">
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="relogin-submit">
            {t('auth.signIn')}
          </button>
          <button type="button" class="btn" onClick={props.onGiveUp} data-testid="relogin-cancel">
            {t('relogin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
